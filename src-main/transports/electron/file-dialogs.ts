// Electron's half of handing files over: the user picks where an export goes, or which project file to import,
// in the system's own dialogs, so the page never names a path.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { ApiError } from '../../../src-shared/contract/index.ts';
import type { Dispatch } from '../../service/dispatch.ts';
import type { ExportFiles } from '../../service/exports/export-files.ts';
import { answer } from './ipc-binding.ts';
import { IMPORT_PROJECT_CHANNEL, SAVE_EXPORT_CHANNEL } from './ipc-channels.ts';

/** The system dialogs, over the window that asked; each resolves with the chosen path, or null when cancelled. */
export interface FileDialogs {
  saveAs(owner: WebContents, fileName: string): Promise<string | null>;
  openProjectFile(owner: WebContents): Promise<string | null>;
}

export function bindFileDialogs(
  ipcMain: IpcMain,
  backend: { dispatch: Dispatch; exportFiles: ExportFiles },
  dialogs: FileDialogs,
  isTrustedUrl: (url: string) => boolean,
): () => void {
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
  ipcMain.handle(IMPORT_PROJECT_CHANNEL, (event: IpcMainInvokeEvent) =>
    answer(event, isTrustedUrl, async () => {
      const path = await dialogs.openProjectFile(event.sender);
      return path === null ? null : backend.dispatch('exports.importProject', { path });
    }),
  );
  return () => {
    ipcMain.removeHandler(SAVE_EXPORT_CHANNEL);
    ipcMain.removeHandler(IMPORT_PROJECT_CHANNEL);
  };
}
