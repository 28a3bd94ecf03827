// Runs sandboxed before the renderer: exposes one function per contract method, the file dialogs, dragging an image out and an
// event subscription, never ipcRenderer itself, so the page can do nothing but call the contract.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { METHOD_NAMES } from '../../../src-shared/contract/methods.ts';
import type { OnestoryBridge, ResultEnvelope } from '../../../src-shared/contract/envelope.ts';
import { API_CHANNEL, DRAG_IMAGE_CHANNEL, EVENT_CHANNEL, IMPORT_PROJECT_CHANNEL, SAVE_EXPORT_CHANNEL, SAVE_IMAGE_CHANNEL } from './ipc-channels.ts';

const api: OnestoryBridge['api'] = {};
for (const name of METHOD_NAMES) {
  api[name] = (input: unknown) => ipcRenderer.invoke(API_CHANNEL, name, input) as Promise<ResultEnvelope>;
}

const bridge: OnestoryBridge = {
  api,
  saveExport: (exportId) => ipcRenderer.invoke(SAVE_EXPORT_CHANNEL, exportId) as Promise<ResultEnvelope>,
  importProjectFile: () => ipcRenderer.invoke(IMPORT_PROJECT_CHANNEL) as Promise<ResultEnvelope>,
  saveImage: (renderId, fileName) => ipcRenderer.invoke(SAVE_IMAGE_CHANNEL, renderId, fileName) as Promise<ResultEnvelope>,
  dragImageOut: (renderId, fileName) => ipcRenderer.send(DRAG_IMAGE_CHANNEL, renderId, fileName),
  onEvent(listener) {
    const forward = (_event: IpcRendererEvent, message: unknown) => listener(message);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, forward);
  },
};

contextBridge.exposeInMainWorld('onestory', bridge);
