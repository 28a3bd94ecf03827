// The renderer's Content Security Policy: src-renderer/index.html carries it as a <meta> (so it holds however the page
// is loaded), and Electron sends it as a header too. Browser mode sends its own header (static-files.ts) on top; a page
// obeys both, so this one must allow what browser mode needs: 'self' covers the event socket (ws: on the page's host).
import { IMAGE_SCHEME } from '../../src-shared/contract/index.ts';

const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  `img-src 'self' data: blob: ${IMAGE_SCHEME}:`,
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** What index.html's <meta http-equiv="Content-Security-Policy"> says; frame-ancestors has no effect in a <meta>. */
export const RENDERER_META_CSP = DIRECTIVES.join('; ');

/** The header Electron sends with the renderer's files. */
export const RENDERER_HEADER_CSP = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');
