import type { AnyEventMessage } from '../../../src-shared/contract/index.ts';

/** Subscribes to the backend's events; returns the unsubscribe function. */
export type Subscribe = (listener: (message: AnyEventMessage) => void) => () => void;

export interface Follow<T extends { id: string }> {
  subscribe: Subscribe;
  /** the item an event is an update of, if it is one of this kind */
  updateOf(message: AnyEventMessage): T | undefined;
  /** starts the work; returns the item (with its id) */
  start(): Promise<T>;
  onUpdate(item: T): void;
  /** whether an update is the last one */
  ended(item: T): boolean;
  /** Ctrl-C, once the item's id is known; a second Ctrl-C ends the process as usual */
  onInterrupt(id: string): void;
}

/**
 * Starts some work of the service (a download, a job) and reports its updates until it ends. Subscribed before
 * starting, so no update is missed: those that come before the id is known wait, and so does a Ctrl-C.
 */
export async function follow<T extends { id: string }>(f: Follow<T>): Promise<T> {
  let id: string | undefined;
  let interrupted = false;
  let resolveEnd: (item: T) => void = () => {};
  const end = new Promise<T>((resolve) => (resolveEnd = resolve));
  const early: T[] = [];
  const update = (item: T) => {
    if (item.id !== id) return;
    f.onUpdate(item);
    if (f.ended(item)) resolveEnd(item);
  };
  const unsubscribe = f.subscribe((message) => {
    const item = f.updateOf(message);
    if (!item) return;
    if (id === undefined) early.push(item);
    else update(item);
  });
  const interrupt = () => {
    interrupted = true;
    if (id !== undefined) f.onInterrupt(id);
  };
  process.once('SIGINT', interrupt);
  try {
    const started = await f.start();
    id = started.id;
    for (const item of [...early, started]) update(item);
    if (interrupted) f.onInterrupt(id);
    return await end;
  } finally {
    process.off('SIGINT', interrupt);
    unsubscribe();
  }
}
