import { IMAGE_SCHEME, parseRenderImagePath } from '../../../src-shared/contract/index.ts';
import type { ReadRenderImage } from '../../service/images.ts';

/** The privileges the image scheme is registered with (before the app is ready). */
export const IMAGE_SCHEME_PRIVILEGES = { scheme: IMAGE_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } };

/**
 * Answers `onestory-image://app/images/<renderId>/<kind>.png` (a standard scheme needs a host; any is
 * served). Only the app's own session has this scheme, so no token is needed.
 */
export function renderImageResponse(url: string, readRenderImage: ReadRenderImage): Response {
  const target = parseRenderImagePath(new URL(url).pathname);
  const png = target && readRenderImage(target.renderId, target.kind);
  if (!png) return Response.json({ error: { code: 'not_found', message: `No image at ${url}` } }, { status: 404 });
  return new Response(png, {
    headers: { 'Content-Type': 'image/png', 'Content-Length': String(png.length), 'Cache-Control': 'private, max-age=31536000, immutable' },
  });
}
