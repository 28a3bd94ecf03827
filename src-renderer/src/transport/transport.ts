import type { EventMessage, ImageKind, Invoke } from '../../../src-shared/contract/index.ts';

/** How the renderer reaches the backend: one call at a time, the backend's pushed events, and render images. */
export interface Transport {
  invoke: Invoke;
  /** Returns the unsubscribe function. */
  subscribe(listener: (message: EventMessage) => void): () => void;
  /** Where an `<img>` loads a render from; never a file path. */
  imageUrl(renderId: string, kind: ImageKind): string;
}
