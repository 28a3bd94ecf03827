// Electron main process: owns the backend (SQLite and the engine's utility process) and the window.
import { app, BrowserWindow, ipcMain, Menu, protocol, session } from 'electron';
import { join } from 'node:path';
import { openBackend } from '../../app/backend.ts';
import { resolveDbPath, resolveHubUrl, resolveModelsDir } from '../../config/paths.ts';
import { IMAGE_SCHEME } from '../../../src-shared/contract/index.ts';
import { utilityProcessEngineSpawner } from './engine-utility-process.ts';
import { IMAGE_SCHEME_PRIVILEGES, renderImageResponse } from './image-protocol.ts';
import { bindFileDialogs } from './file-dialogs.ts';
import { bindIpc } from './ipc-binding.ts';
import { openOsSecretStore } from './os-secret-store.ts';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, rendererFileResponse } from './app-protocol.ts';
import { appMenuTemplate } from './app-menu.ts';
import { createMainWindow } from './main-window.ts';
import { hardenSession } from './session-policy.ts';
import { rendererLocation } from './window-policy.ts';
import { systemDialogs } from './system-dialogs.ts';

if (!app.requestSingleInstanceLock()) app.quit();
// Only possible before the app is ready: the page is served from app:// (never file://), and renders reach it through
// the image scheme, never as file paths.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES, IMAGE_SCHEME_PRIVILEGES]);

app.whenReady().then(async () => {
  const outDir = join(import.meta.dirname, '..');
  const env = { ...process.env, ONESTORY_DATA_DIR: process.env.ONESTORY_DATA_DIR ?? app.getPath('userData') };
  const backend = openBackend({
    dbPath: resolveDbPath({}, env),
    modelsDir: resolveModelsDir({}, env),
    engine: utilityProcessEngineSpawner(),
    secrets: await openOsSecretStore(join(app.getPath('userData'), 'secrets.json')),
    hubUrl: resolveHubUrl(),
    resumeJobs: true,
  });
  hardenSession(session.defaultSession);
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(process.platform)));
  protocol.handle(APP_SCHEME, (request) => rendererFileResponse(request.url, join(outDir, 'renderer')));
  protocol.handle(IMAGE_SCHEME, (request) => renderImageResponse(request.url, backend.readRenderImage));
  const location = rendererLocation({ isPackaged: app.isPackaged, env: process.env });

  const unbind = bindIpc(ipcMain, backend.dispatch, backend.events, location.isTrusted, () =>
    BrowserWindow.getAllWindows().map((w) => w.webContents),
  );
  // Images dragged out live in the app's temp folder, which the system clears.
  const unbindFileDialogs = bindFileDialogs(ipcMain, backend, systemDialogs, location.isTrusted, join(app.getPath('temp'), 'onestory-drag'));
  let win = createMainWindow(outDir, location);

  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) win = createMainWindow(outDir, location);
  });
  // Quitting waits once for the backend: the running job is cancelled and the engine process stopped.
  let backendClosing = false;
  app.on('will-quit', (event) => {
    if (backendClosing) return;
    event.preventDefault();
    backendClosing = true;
    unbind();
    unbindFileDialogs();
    protocol.unhandle(IMAGE_SCHEME);
    protocol.unhandle(APP_SCHEME);
    backend
      .close()
      .catch((err: unknown) => console.error('[onestory] closing the library failed:', err))
      .finally(() => app.quit());
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
