// Electron's half of handing files over: the user picks where an export or an image goes, or which project file to
// import, in the system's own dialogs, so the page never names a path.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import { ApiError } from '../../../src-shared/contract/index.ts';
import { writeFileAtomically } from '../../export/atomic-write.ts';
import type { ReadRenderImage } from '../../service/images.ts';
import type { Dispatch } from '../../service/dispatch.ts';
import type { ExportFiles } from '../../service/exports/export-files.ts';
import { answer } from './ipc-binding.ts';
import { DRAG_IMAGE_CHANNEL, IMPORT_PROJECT_CHANNEL, SAVE_EXPORT_CHANNEL, SAVE_IMAGE_CHANNEL } from './ipc-channels.ts';

/** The system dialogs, over the window that asked; each resolves with the chosen path, or null when cancelled. */
export interface FileDialogs {
  saveAs(owner: WebContents, fileName: string): Promise<string | null>;
  openProjectFile(owner: WebContents): Promise<string | null>;
  /** Drags a file out of the window (webContents.startDrag), with the image as its icon. */
  dragOut(owner: WebContents, file: string, icon: Buffer): void;
}

export interface FileBackend {
  dispatch: Dispatch;
  exportFiles: ExportFiles;
  readRenderImage: ReadRenderImage;
}

export function bindFileDialogs(
  ipcMain: IpcMain,
  backend: FileBackend,
  dialogs: FileDialogs,
  isTrustedUrl: (url: string) => boolean,
  /** where an image dragged out is written first (the system drags files, not bytes) */
  dragDir: string,
): () => void {
  const renderPng = (renderId: unknown): Buffer => {
    const png = typeof renderId === 'string' ? backend.readRenderImage(renderId, 'full') : undefined;
    if (!png) throw new ApiError('not_found', 'No such image: the variant was deleted. Choose another one.');
    return png;
  };
  ipcMain.handle(SAVE_EXPORT_CHANNEL, (event: IpcMainInvokeEvent, exportId: unknown) =>
    answer(event, isTrustedUrl, async () => {
      const file = typeof exportId === 'string' ? backend.exportFiles.find(exportId) : undefined;
      if (!file) throw new ApiError('not_found', 'No such export: it was saved already, or the app restarted since. Export again.');
      const destination = await dialogs.saveAs(event.sender, file.fileName);
      if (destination === null) return { saved: false };
      if (!(await backend.exportFiles.saveTo(exportId as string, destination))) {
        throw new ApiError('not_found', 'The export was cleared while the save dialog was open (an export waits ten minutes to be saved). Export again.');
      }
      return { saved: true };
    }),
  );
  ipcMain.handle(SAVE_IMAGE_CHANNEL, (event: IpcMainInvokeEvent, renderId: unknown, fileName: unknown) =>
    answer(event, isTrustedUrl, async () => {
      const png = renderPng(renderId);
      const destination = await dialogs.saveAs(event.sender, pngFileName(fileName));
      if (destination === null) return { saved: false };
      await writeFileAtomically(destination, png);
      return { saved: true };
    }),
  );
  // startDrag must run while the page's drag is starting, so this is a plain message, not an invoke.
  const dragImage = (event: IpcMainEvent, renderId: unknown, fileName: unknown) => {
    if (!isTrustedUrl(event.senderFrame?.url ?? '') || event.senderFrame?.parent) return;
    let png: Buffer;
    try {
      png = renderPng(renderId);
    } catch {
      return;
    }
    const file = join(dragDir, pngFileName(fileName));
    void mkdir(dragDir, { recursive: true })
      .then(() => writeFileAtomically(file, png))
      .then(() => dialogs.dragOut(event.sender, file, png));
  };
  ipcMain.on(DRAG_IMAGE_CHANNEL, dragImage);
  ipcMain.handle(IMPORT_PROJECT_CHANNEL, (event: IpcMainInvokeEvent) =>
    answer(event, isTrustedUrl, async () => {
      const path = await dialogs.openProjectFile(event.sender);
      return path === null ? null : backend.dispatch('exports.importProject', { path });
    }),
  );
  return () => {
    ipcMain.removeHandler(SAVE_EXPORT_CHANNEL);
    ipcMain.removeHandler(IMPORT_PROJECT_CHANNEL);
    ipcMain.removeHandler(SAVE_IMAGE_CHANNEL);
    ipcMain.removeListener(DRAG_IMAGE_CHANNEL, dragImage);
  };
}

/** A plain file name ending in .png, whatever the page asked for: no folders, no odd characters. */
export function pngFileName(asked: unknown): string {
  const base = (typeof asked === 'string' ? asked : '').replace(/\.png$/i, '').replace(/[^\p{L}\p{N}\p{Pd} ._()]+/gu, '_').replace(/^[ .]+/, '').slice(0, 120);
  return `${base || 'frame'}.png`;
}
