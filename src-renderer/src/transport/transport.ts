import type { EventMessage, ImageKind, Invoke, MethodOutput } from '../../../src-shared/contract/index.ts';

export type ImportedProject = MethodOutput<'exports.importProject'>;

/** Files crossing to and from the user's disk, which each mode does its own way. */
export interface FileTransfer {
  /** Hands a finished export (exports.create) to the user; false when they cancelled the save dialog. */
  deliverExport(exportId: string, fileName: string): Promise<boolean>;
  /** Lets the user pick a .onestory file and imports it; null when they cancelled. */
  importProjectFile(): Promise<ImportedProject | null>;
  /** Saves one render's PNG as it is stored (a save dialog in Electron, a download in the browser); false when cancelled. */
  saveImage(renderId: string, fileName: string): Promise<boolean>;
  /** Where the platform lets an image be dragged out as a file (Electron), starts that drag; null where it cannot. */
  dragImageOut: ((renderId: string, fileName: string) => void) | null;
}

/** How the renderer reaches the backend: one call at a time, the backend's pushed events, render images and files. */
export interface Transport extends FileTransfer {
  invoke: Invoke;
  /** Returns the unsubscribe function. */
  subscribe(listener: (message: EventMessage) => void): () => void;
  /** Where an `<img>` loads a render from; never a file path. */
  imageUrl(renderId: string, kind: ImageKind): string;
}
