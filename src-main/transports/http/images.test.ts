// Render images over browser mode's HTTP: token in the query, immutable caching, JSON errors.
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { renderImagePath } from '../../../src-shared/contract/index.ts';
import { DEFAULT_SETTINGS, type RenderParams } from '../../../src-shared/domain/index.ts';
import { openStore } from '../../store/index.ts';
import { startTestServer, TOKEN, type RawResponse, type TestServer } from './browser-mode.testing.ts';

let server: TestServer;
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('the full image')]);
const thumbnail = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
const withThumb = randomUUID();
const withoutThumb = randomUUID();

beforeAll(async () => {
  server = await startTestServer();
  const project = (await server.api('projects.create', { name: 'Images' })).json as { id: string };
  const frame = (await server.api('frames.add', { projectId: project.id, prompt: 'runs' })).json as { id: string };
  // Written through a second connection, as a job would: the server reads what was committed.
  const store = openStore(server.dbPath);
  const params: RenderParams = {
    modelId: 'm',
    modelFamily: 'sd1',
    settings: DEFAULT_SETTINGS,
    width: 64,
    height: 64,
    steps: 2,
    guidance: 7.5,
    scheduler: 'euler',
    seed: 42,
    identityPrompt: 'a fox',
    negativePrompt: '',
    framePrompt: 'runs',
    storyPrompt: 'a fox runs',
    partIndex: 0,
    planHash: 'h',
  };
  for (const [id, thumb] of [[withThumb, thumbnail], [withoutThumb, null]] as const) {
    store.renders.insert({ id, frameId: frame.id, createdAt: 1, width: 64, height: 64, params, png, thumbnail: thumb });
  }
  store.close();
});
afterAll(() => server.close());

/** The response body as bytes (RawResponse decodes it as text). */
function getBytes(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port: server.mode.port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

function expectError(res: RawResponse, status: number, code: string): void {
  expect(res.status, res.text).toBe(status);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  expect((res.json as { error: { code: string } }).error.code).toBe(code);
}

it('serves a render’s full image and thumbnail with the token in the query, cacheable for good', async () => {
  const full = await getBytes(`${renderImagePath(withThumb, 'full')}?token=${TOKEN}`);
  expect(full.status).toBe(200);
  expect(full.body.equals(png)).toBe(true);
  expect(full.headers).toMatchObject({
    'content-type': 'image/png',
    'content-length': String(png.length),
    'cache-control': 'private, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
  });
  expect((await getBytes(`${renderImagePath(withThumb, 'thumb')}?token=${TOKEN}`)).body.equals(thumbnail)).toBe(true);
  // A render stored without a thumbnail shows its full image in the grid.
  expect((await getBytes(`${renderImagePath(withoutThumb, 'thumb')}?token=${TOKEN}`)).body.equals(png)).toBe(true);
  // The API's bearer header works as well (fetch from the app), and HEAD sends no body.
  expect((await getBytes(renderImagePath(withThumb, 'full'), { Authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  const head = await server.raw({ method: 'HEAD', path: `${renderImagePath(withThumb, 'full')}?token=${TOKEN}` });
  expect([head.status, head.text]).toEqual([200, '']);
});

it('refuses requests without the right token before looking anything up (401)', async () => {
  for (const query of ['', '?token=', `?token=${TOKEN}x`]) {
    expectError(await server.raw({ path: `${renderImagePath(withThumb, 'full')}${query}` }), 401, 'unauthorized');
    expectError(await server.raw({ path: `${renderImagePath(randomUUID(), 'full')}${query}` }), 401, 'unauthorized');
  }
});

it('answers unknown renders and malformed image paths with 404 JSON, other methods with 405', async () => {
  for (const path of [renderImagePath(randomUUID(), 'full'), '/images/abc/full.png', `/images/${withThumb}/large.png`, `/images/${withThumb}`]) {
    expectError(await server.raw({ path: `${path}?token=${TOKEN}` }), 404, 'not_found');
  }
  expectError(await server.raw({ method: 'POST', path: `${renderImagePath(withThumb, 'full')}?token=${TOKEN}`, body: '' }), 405, 'invalid_input');
});

it('applies the Host policy to images like to everything else', async () => {
  const res = await server.raw({ path: `${renderImagePath(withThumb, 'full')}?token=${TOKEN}`, headers: { Host: 'evil.example:80' } });
  expectError(res, 403, 'unauthorized');
});
