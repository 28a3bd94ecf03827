// The image scheme's answers, without Electron: the handler is a plain Request URL → Response function.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { IMAGE_SCHEME, renderImagePath } from '../../../src-shared/contract/index.ts';
import type { ReadRenderImage } from '../../service/images.ts';
import { renderImageResponse } from './image-protocol.ts';

const id = randomUUID();
const images = { full: Buffer.from('full'), thumb: Buffer.from('thumb') };
const read: ReadRenderImage = (renderId, kind) => (renderId === id ? images[kind] : undefined);

it('serves /images/<id>/<kind>.png as the renderer asks for it', async () => {
  const res = renderImageResponse(`${IMAGE_SCHEME}://app${renderImagePath(id, 'thumb')}`, read);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/png');
  expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
  expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('thumb');
});

it('answers unknown renders and other paths with 404 JSON', async () => {
  for (const url of [`${IMAGE_SCHEME}://app${renderImagePath(randomUUID(), 'full')}`, `${IMAGE_SCHEME}://app/images/${id}/x.png`, `${IMAGE_SCHEME}://app/`]) {
    const res = renderImageResponse(url, read);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  }
});
