// Finding the built renderer's file for a URL path, shared by browser mode (HTTP) and Electron (the app:// scheme):
// percent-decoded, never outside the renderer folder, and index.html for client routes.
import { stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

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

export type RendererFile =
  | { kind: 'file'; path: string; size: number; contentType: string }
  /** nothing there; a client route (no extension) means the renderer has not been built */
  | { kind: 'missing'; decoded: string; clientRoute: boolean }
  | { kind: 'malformed' }
  /** the path escapes the folder (after percent-decoding) */
  | { kind: 'outside' };

/**
 * The file `pathname` names under `rootDir`. Paths without an extension are client routes and get index.html.
 * `pathname` comes from the WHATWG URL parser, which has already resolved plain and %2e dot segments; what
 * percent-decoding reveals (%2f, %5c, NUL) is checked here.
 */
export async function locateRendererFile(rootDir: string, pathname: string): Promise<RendererFile> {
  const root = resolve(rootDir);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { kind: 'malformed' };
  }
  const target = resolve(root, `.${decoded}`);
  const inside = relative(root, target);
  if (decoded.includes('\0') || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return { kind: 'outside' };
  const clientRoute = extname(target) === '';
  const found = (await regularFile(target)) ?? (clientRoute ? await regularFile(join(root, 'index.html')) : null);
  if (!found) return { kind: 'missing', decoded, clientRoute };
  return { kind: 'file', ...found, contentType: CONTENT_TYPES[extname(found.path).toLowerCase()] ?? 'application/octet-stream' };
}

async function regularFile(path: string): Promise<{ path: string; size: number } | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? { path, size: info.size } : null;
  } catch {
    return null;
  }
}
