import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { BASE_HEADERS, sendError } from './respond.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

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

/**
 * Serves the built renderer. Paths without an extension are client routes and get index.html;
 * a path that escapes the directory (after percent-decoding) is refused. `pathname` comes from
 * the WHATWG URL parser, which has already resolved plain and %2e dot segments.
 */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string, rootDir: string): Promise<void> {
  const root = resolve(rootDir);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendError(res, 'invalid_input', `${req.method} is not allowed here`, 405, { Allow: 'GET, HEAD' });
    return;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    sendError(res, 'invalid_input', 'Malformed percent-encoding in the path');
    return;
  }
  const target = resolve(root, `.${decoded}`);
  const inside = relative(root, target);
  if (decoded.includes('\0') || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    sendError(res, 'not_found', 'Not found');
    return;
  }

  const headers = { ...BASE_HEADERS, 'Content-Security-Policy': contentSecurityPolicy(req.headers.host ?? ''), 'Cache-Control': 'no-cache' };
  const isClientRoute = extname(target) === '';
  const file = (await regularFile(target)) ?? (isClientRoute ? await regularFile(join(root, 'index.html')) : null);
  if (file) {
    res.writeHead(200, {
      ...headers,
      'Content-Type': CONTENT_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': String(file.size),
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file.path).on('error', () => res.destroy()).pipe(res);
  } else if (isClientRoute) {
    res.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' });
    res.end(req.method === 'HEAD' ? undefined : NOT_BUILT_PAGE);
  } else {
    sendError(res, 'not_found', `No file ${decoded}`);
  }
}

async function regularFile(path: string): Promise<{ path: string; size: number } | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? { path, size: info.size } : null;
  } catch {
    return null;
  }
}
