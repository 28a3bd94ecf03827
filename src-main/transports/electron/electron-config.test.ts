// Holds Electron's hardening in place: the fuses electron-builder flips, the window's preferences, where the page
// comes from and may go, which links leave the app, the session's permission handlers, the CSP, and the main
// process's wiring of all of it. Any of these regressing fails here (no Electron binary needed).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, it, vi } from 'vitest';
import { RENDERER_HEADER_CSP, RENDERER_META_CSP } from '../renderer-csp.ts';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES } from './app-protocol.ts';
import { hardenSession, type HardenedSession } from './session-policy.ts';
import { isAllowedExternalUrl, mainWindowOptions, rendererLocation, windowGuards } from './window-policy.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const source = (path: string) => readFileSync(join(root, path), 'utf8');

it('electron-builder flips every fuse the hardening needs, in a configuration electron-builder accepts', async () => {
  const config = await getConfig(root, null, null);
  await validateConfiguration(config, new DebugLogger(false));
  expect(config.electronFuses).toEqual({
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    enableCookieEncryption: true,
    grantFileProtocolExtraPrivileges: false,
  });
  expect(config.asar).not.toBe(false);
}, 30_000);

describe('the main window', () => {
  it('runs its page sandboxed and isolated, without Node, webviews or insecure content', () => {
    expect(mainWindowOptions('/app/preload/index.cjs').webPreferences).toEqual({
      preload: '/app/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    });
  });

  it('loads the renderer from app://, and a dev server only in an unpackaged app', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173/' };
    const packaged = rendererLocation({ isPackaged: true, env });
    expect(packaged.url).toBe(APP_INDEX_URL);
    expect(APP_INDEX_URL).toMatch(/^app:\/\//);
    for (const url of [APP_INDEX_URL, 'app://onestory/projects/1#x']) expect(packaged.isTrusted(url), url).toBe(true);
    for (const url of ['http://localhost:5173/', 'file:///app/out/renderer/index.html', 'app://other/index.html', 'https://huggingface.co/', 'nonsense']) {
      expect(packaged.isTrusted(url), url).toBe(false);
    }
    expect(rendererLocation({ isPackaged: false, env: {} }).url).toBe(APP_INDEX_URL);
    const dev = rendererLocation({ isPackaged: false, env });
    expect(dev.url).toBe(env.ELECTRON_RENDERER_URL);
    expect(dev.isTrusted('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(dev.isTrusted('http://localhost:5174/')).toBe(false);
  });

  it('navigates only within the app, opens no window, and hands only Hub links to the browser', () => {
    const opened: string[] = [];
    const guards = windowGuards(rendererLocation({ isPackaged: true, env: {} }), (url) => opened.push(url));
    const navigate = (url: string) => {
      const preventDefault = vi.fn();
      guards.onNavigate({ url, preventDefault });
      return preventDefault.mock.calls.length === 0;
    };
    expect(navigate('app://onestory/index.html#/story')).toBe(true);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'http://127.0.0.1:4777/', 'javascript:alert(1)']) expect(navigate(url), url).toBe(false);

    const links = ['https://huggingface.co/stabilityai/sdxl-turbo', 'http://huggingface.co/x', 'https://huggingface.co.evil.example/', 'https://user@huggingface.co/', 'file:///etc/passwd', 'https://evil.example/'];
    for (const url of links) expect(guards.windowOpen({ url }), url).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://huggingface.co/stabilityai/sdxl-turbo']);
  });

  it('can open every licence link the model catalogue shows', () => {
    const { entries } = JSON.parse(source('resources/model-catalogue.json')) as { entries: Array<{ licenceUrl: string }> };
    const urls = entries.map((entry) => entry.licenceUrl);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(isAllowedExternalUrl(url), url).toBe(true);
  });
});

it('denies every permission, asked for or checked, and sends the CSP with dev-server pages', () => {
  let requestHandler: Parameters<HardenedSession['setPermissionRequestHandler']>[0] = null;
  let checkHandler: Parameters<HardenedSession['setPermissionCheckHandler']>[0] = null;
  let headersListener: ((details: { responseHeaders?: Record<string, string[]> }, callback: (response: unknown) => void) => void) | undefined;
  hardenSession({
    setPermissionRequestHandler: (handler) => void (requestHandler = handler),
    setPermissionCheckHandler: (handler) => void (checkHandler = handler),
    webRequest: { onHeadersReceived: ((listener: typeof headersListener) => void (headersListener = listener)) as never },
  });
  for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal'] as const) {
    const answers: boolean[] = [];
    requestHandler!(null as never, permission, (granted) => answers.push(granted), {} as never);
    expect(answers, permission).toEqual([false]);
    expect(checkHandler!(null, permission, APP_INDEX_URL, {} as never), permission).toBe(false);
  }
  const responses: unknown[] = [];
  headersListener!({ responseHeaders: { 'Content-Type': ['text/html'] } }, (response) => responses.push(response));
  expect(responses).toEqual([{ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [RENDERER_HEADER_CSP] } }]);
});

it('index.html carries the CSP as a <meta>, the same policy as the header, with no script but the app\'s own', () => {
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(source('src-renderer/index.html'));
  expect(meta?.[1]).toBe(RENDERER_META_CSP);
  expect(RENDERER_HEADER_CSP).toBe(`${RENDERER_META_CSP}; frame-ancestors 'none'`);
  expect(RENDERER_META_CSP).toContain("script-src 'self';");
  expect(RENDERER_META_CSP).not.toMatch(/unsafe-eval|\*/);
});

it('the main process registers app:// before ready, serves the page from it and applies the window and session rules', () => {
  expect(APP_SCHEME_PRIVILEGES).toEqual({ scheme: APP_SCHEME, privileges: expect.objectContaining({ standard: true, secure: true }) });
  const main = source('src-main/transports/electron/main.ts');
  const registered = main.indexOf('protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES');
  expect(registered).toBeGreaterThan(0);
  expect(registered).toBeLessThan(main.indexOf('app.whenReady()'));
  expect(main).toContain('hardenSession(session.defaultSession);');
  expect(main).toContain("protocol.handle(APP_SCHEME, (request) => rendererFileResponse(request.url, join(outDir, 'renderer')));");
  expect(main).toContain('rendererLocation({ isPackaged: app.isPackaged, env: process.env })');

  const window = source('src-main/transports/electron/main-window.ts');
  expect(window).toContain('new BrowserWindow(mainWindowOptions(');
  expect(window).toContain("win.webContents.on('will-navigate', (details) => guards.onNavigate(details));");
  expect(window).toContain("win.webContents.on('will-frame-navigate', (details) => guards.onNavigate(details));");
  expect(window).toContain('win.webContents.setWindowOpenHandler(guards.windowOpen);');
  expect(window).toContain('windowGuards(location, (url) => void shell.openExternal(url))');
  // No other way out to the user's browser.
  const electronDir = join(root, 'src-main/transports/electron');
  const opening = readdirSync(electronDir).filter((file) => !file.endsWith('.test.ts') && readFileSync(join(electronDir, file), 'utf8').includes('shell.openExternal'));
  expect(opening).toEqual(['main-window.ts']);
});
