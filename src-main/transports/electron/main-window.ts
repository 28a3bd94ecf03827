import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { mainWindowOptions, windowGuards, type RendererLocation } from './window-policy.ts';

export function createMainWindow(outDir: string, location: RendererLocation): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(join(outDir, 'preload', 'index.cjs')));
  win.once('ready-to-show', () => win.show());
  const guards = windowGuards(location, (url) => void shell.openExternal(url));
  win.webContents.on('will-navigate', (details) => guards.onNavigate(details));
  win.webContents.on('will-frame-navigate', (details) => guards.onNavigate(details));
  win.webContents.setWindowOpenHandler(guards.windowOpen);
  void win.loadURL(location.url);
  return win;
}
