// The real dialogs behind file-dialogs.ts (kept apart so the binding is tested without Electron).
import { app, BrowserWindow, dialog, nativeImage, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { extname, join } from 'node:path';
import { PROJECT_FILE_EXTENSION } from '../../export/index.ts';
import type { FileDialogs } from './file-dialogs.ts';

const KINDS: Record<string, string> = {
  '.pdf': 'PDF storyboard',
  '.gif': 'Animated GIF',
  '.zip': 'ZIP archive',
  '.png': 'PNG image',
  [PROJECT_FILE_EXTENSION]: 'Onestory project',
};

export const systemDialogs: FileDialogs = {
  async saveAs(owner, fileName) {
    const extension = extname(fileName);
    const options: SaveDialogOptions = {
      title: extension === '.png' ? 'Save image' : 'Save export',
      defaultPath: join(app.getPath('downloads'), fileName),
      filters: [{ name: KINDS[extension] ?? 'File', extensions: [extension.slice(1)] }],
    };
    const window = BrowserWindow.fromWebContents(owner);
    const { canceled, filePath } = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    return canceled || !filePath ? null : filePath;
  },
  async openProjectFile(owner) {
    const options: OpenDialogOptions = {
      title: 'Import project file',
      properties: ['openFile'],
      filters: [{ name: 'Onestory project', extensions: [PROJECT_FILE_EXTENSION.slice(1)] }],
    };
    const window = BrowserWindow.fromWebContents(owner);
    const { canceled, filePaths } = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return canceled || filePaths.length === 0 ? null : filePaths[0];
  },
  dragOut(owner, file, png) {
    owner.startDrag({ file, icon: nativeImage.createFromBuffer(png).resize({ width: 96 }) });
  },
};
