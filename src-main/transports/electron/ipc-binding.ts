import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { ApiError, type ResultEnvelope } from '../../../src-shared/contract/index.ts';
import type { Dispatch } from '../../service/dispatch.ts';
import type { EventBus } from '../../service/events.ts';
import { API_CHANNEL, EVENT_CHANNEL } from './ipc-channels.ts';

/**
 * Binds the contract to Electron IPC. Only the app's own top-level page may call; payloads are
 * validated by the dispatcher like on every other transport.
 */
export function bindIpc(
  ipcMain: IpcMain,
  dispatch: Dispatch,
  events: EventBus,
  isTrustedUrl: (url: string) => boolean,
  windows: () => WebContents[],
): () => void {
  ipcMain.handle(API_CHANNEL, (event: IpcMainInvokeEvent, method: unknown, input: unknown) =>
    answer(event, isTrustedUrl, () => dispatch(String(method), input)),
  );
  const unsubscribe = events.subscribe((message) => {
    for (const contents of windows()) if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, message);
  });
  return () => {
    ipcMain.removeHandler(API_CHANNEL);
    unsubscribe();
  };
}

/** Runs a call from the app's own top-level page (and nothing else) and wraps its outcome in an envelope. */
export async function answer(event: IpcMainInvokeEvent, isTrustedUrl: (url: string) => boolean, call: () => Promise<unknown>): Promise<ResultEnvelope> {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null || !isTrustedUrl(frame.url)) {
    return { ok: false, error: new ApiError('unauthorized', 'Calls are only accepted from the Onestory window').toBody() };
  }
  try {
    return { ok: true, value: await call() };
  } catch (err) {
    const apiError = err instanceof ApiError ? err : new ApiError('internal', 'Unexpected error');
    return { ok: false, error: apiError.toBody() };
  }
}
