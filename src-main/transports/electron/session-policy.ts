// The session's rules: no permission is ever granted (camera, notifications, clipboard reads…) — neither when a page
// asks (request handler) nor when Chromium checks synchronously (check handler) — and pages from electron-vite's dev
// server get the renderer's CSP as a header (app:// answers carry it themselves).
import type { Session } from 'electron';
import { RENDERER_HEADER_CSP } from '../renderer-csp.ts';

export type HardenedSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>;
};

export function hardenSession(session: HardenedSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_HEADER_CSP] } });
  });
}
