// The app:// scheme the renderer is served from in Electron, instead of file:// (which grants pages more than a web
// origin has): a standard, secure origin of its own, answering only with files of the renderer build.
import { readFile } from 'node:fs/promises';
import { locateRendererFile } from '../renderer-files.ts';
import { RENDERER_HEADER_CSP } from '../renderer-csp.ts';

export const APP_SCHEME = 'app';
const APP_HOST = 'onestory';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Registered before the app is ready; module scripts need CORS-mode fetches to work on the scheme. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
};

/** A URL of the app's own pages (WHATWG gives custom schemes no origin, so scheme and host are compared). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Answers `app://onestory/<path>` from `rendererDir`; anything else, or outside it, is a 404. */
export async function rendererFileResponse(url: string, rendererDir: string): Promise<Response> {
  const file = isAppUrl(url) ? await locateRendererFile(rendererDir, new URL(url).pathname) : undefined;
  if (file?.kind !== 'file') return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(await readFile(file.path), {
    headers: {
      'Content-Type': file.contentType,
      'Content-Security-Policy': RENDERER_HEADER_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    },
  });
}
