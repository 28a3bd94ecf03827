import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where the renderer comes from: electron-vite's dev server, or the built files. */
export function rendererLocation(outDir: string): { url: string; isTrusted(url: string): boolean } {
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  if (devUrl) {
    const origin = new URL(devUrl).origin;
    return { url: devUrl, isTrusted: (url) => safeOrigin(url) === origin };
  }
  const indexUrl = pathToFileURL(join(outDir, 'renderer', 'index.html')).href;
  return { url: indexUrl, isTrusted: (url) => url.split('#')[0] === indexUrl };
}

export function createMainWindow(outDir: string, location: { url: string; isTrusted(url: string): boolean }): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 840,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Onestory',
    webPreferences: {
      preload: join(outDir, 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  // The window only ever shows the app itself; links to the web open in the user's browser.
  win.webContents.on('will-navigate', (event, url) => {
    if (!location.isTrusted(url)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void win.loadURL(location.url);
  return win;
}

function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
