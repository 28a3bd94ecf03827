import type { ApiErrorBody } from './errors.ts';

/**
 * How a result crosses Electron IPC: Electron flattens thrown errors to a bare message,
 * so the main process answers with an envelope and the renderer unwraps it into an ApiError.
 */
export type ResultEnvelope = { ok: true; value: unknown } | { ok: false; error: ApiErrorBody };

/** The bridge the Electron preload puts on `window.onestory`: one function per contract method, and two file dialogs. */
export interface OnestoryBridge {
  api: Record<string, (input: unknown) => Promise<ResultEnvelope>>;
  /** The system's save dialog for a finished export (exports.create), then a copy there; value: `{ saved: boolean }`. */
  saveExport(exportId: string): Promise<ResultEnvelope>;
  /** The system's open dialog for a .onestory file, imported at once; value: exports.importProject's result, or null when cancelled. */
  importProjectFile(): Promise<ResultEnvelope>;
  /** The system's save dialog for one render's PNG, written there byte for byte; value: `{ saved: boolean }`. */
  saveImage(renderId: string, fileName: string): Promise<ResultEnvelope>;
  /** Starts dragging one render's PNG out of the app (call from a dragstart handler). */
  dragImageOut(renderId: string, fileName: string): void;
  /** Subscribes to backend events; returns the unsubscribe function. */
  onEvent(listener: (message: unknown) => void): () => void;
}
