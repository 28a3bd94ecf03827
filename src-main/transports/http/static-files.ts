import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { locateRendererFile } from '../renderer-files.ts';
import { BASE_HEADERS, sendError } from './respond.ts';

const NOT_BUILT_PAGE = `<!doctype html>
<meta charset="utf-8">
<title>Onestory</title>
<p>The Onestory interface has not been built yet. Run <code>npm run build</code>, then reload this page.</p>
`;

/**
 * The CSP for every page: scripts and styles from this server only (inline styles for React),
 * images also from data/blob URLs (renders), and the event socket on the host the page came from.
 */
function contentSecurityPolicy(host: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `connect-src 'self' ws://${host}`,
    "img-src 'self' data: blob:",
    "style-src 'self' 'unsafe-inline'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Serves the built renderer (see locateRendererFile), with the CSP; a path outside its folder is not found. */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string, rootDir: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendError(res, 'invalid_input', `${req.method} is not allowed here`, 405, { Allow: 'GET, HEAD' });
    return;
  }
  const file = await locateRendererFile(rootDir, pathname);
  const headers = { ...BASE_HEADERS, 'Content-Security-Policy': contentSecurityPolicy(req.headers.host ?? ''), 'Cache-Control': 'no-cache' };
  if (file.kind === 'malformed') {
    sendError(res, 'invalid_input', 'Malformed percent-encoding in the path');
  } else if (file.kind === 'outside') {
    sendError(res, 'not_found', 'Not found');
  } else if (file.kind === 'file') {
    res.writeHead(200, { ...headers, 'Content-Type': file.contentType, 'Content-Length': String(file.size) });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file.path).on('error', () => res.destroy()).pipe(res);
  } else if (file.clientRoute) {
    res.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' });
    res.end(req.method === 'HEAD' ? undefined : NOT_BUILT_PAGE);
  } else {
    sendError(res, 'not_found', `No file ${file.decoded}`);
  }
}
