// Electron main process: owns the backend (SQLite, later the engine process) and the window.
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { join } from 'node:path';
import { openBackend } from '../../app/backend.ts';
import { resolveDbPath } from '../../config/paths.ts';
import { bindIpc } from './ipc-binding.ts';
import { createMainWindow, rendererLocation } from './main-window.ts';

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

if (!app.requestSingleInstanceLock()) app.quit();

app.whenReady().then(() => {
  const outDir = join(import.meta.dirname, '..');
  const dbPath = resolveDbPath({}, { ...process.env, ONESTORY_DATA_DIR: process.env.ONESTORY_DATA_DIR ?? app.getPath('userData') });
  const backend = openBackend({ dbPath });
  const location = rendererLocation(outDir);

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  const unbind = bindIpc(ipcMain, backend.dispatch, backend.events, location.isTrusted, () =>
    BrowserWindow.getAllWindows().map((w) => w.webContents),
  );
  let win = createMainWindow(outDir, location);

  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) win = createMainWindow(outDir, location);
  });
  app.on('will-quit', () => {
    unbind();
    backend.close();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
