import type { EventMessage, Invoke } from '../../../src-shared/contract/index.ts';

/** How the renderer reaches the backend: one call at a time, plus the backend's pushed events. */
export interface Transport {
  invoke: Invoke;
  /** Returns the unsubscribe function. */
  subscribe(listener: (message: EventMessage) => void): () => void;
}
