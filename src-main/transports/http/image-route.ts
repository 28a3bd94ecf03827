import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseRenderImagePath } from '../../../src-shared/contract/index.ts';
import type { ReadRenderImage } from '../../service/images.ts';
import { BASE_HEADERS, sendError } from './respond.ts';
import { bearerToken, tokenMatches } from './token.ts';

export interface ImageRouteOptions {
  token: string;
  readRenderImage: ReadRenderImage;
}

/**
 * `GET /images/<renderId>/<full|thumb>.png?token=…`. The token rides in the query because an <img>
 * cannot send headers; it is checked before anything is looked up, so nothing leaks without it.
 * A render never changes once stored, so the browser may keep it for good.
 */
export function serveRenderImage(req: IncomingMessage, res: ServerResponse, url: URL, opts: ImageRouteOptions): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendError(res, 'invalid_input', `${req.method} is not allowed here`, 405, { Allow: 'GET, HEAD' });
    return;
  }
  if (!tokenMatches(opts.token, url.searchParams.get('token') ?? bearerToken(req.headers.authorization))) {
    sendError(res, 'unauthorized', 'Missing or wrong token: add ?token=<token> from the URL browser mode printed');
    return;
  }
  const target = parseRenderImagePath(url.pathname);
  const png = target && opts.readRenderImage(target.renderId, target.kind);
  if (!png) {
    sendError(res, 'not_found', `No image at ${url.pathname}`);
    return;
  }
  res.writeHead(200, {
    ...BASE_HEADERS,
    'Content-Type': 'image/png',
    'Content-Length': String(png.length),
    'Cache-Control': 'private, max-age=31536000, immutable',
    // Only this app's pages may embed the images.
    'Cross-Origin-Resource-Policy': 'same-origin',
  });
  res.end(req.method === 'HEAD' ? undefined : png);
}
