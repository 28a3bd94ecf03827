/**
 * Orders every write to the backend: tasks run one after another in the order they were
 * made, so a later edit can never be overtaken by an earlier one. Typing is collected per key
 * and sent after a pause; `flush` sends what is waiting at once (blur, navigation, structural
 * changes). `pending` counts both, which is what the "Saving…" indicator shows.
 */
export interface SaveQueue {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Merges `patch` into what is waiting under `key`; `send` receives the merged patch. */
  debounce<P extends object>(key: string, patch: P, send: (merged: P) => void): void;
  flush(): void;
  /** Sends waiting typing, then resolves once every write made so far has finished. */
  settled(): Promise<void>;
}

interface Waiting {
  patch: object;
  send: (merged: object) => void;
  timer: ReturnType<typeof setTimeout>;
}

export function createSaveQueue(onPendingChange: (pending: number) => void, delayMs: number): SaveQueue {
  let tail: Promise<unknown> = Promise.resolve();
  let running = 0;
  const waiting = new Map<string, Waiting>();
  const report = () => onPendingChange(running + waiting.size);

  const run = <T>(task: () => Promise<T>): Promise<T> => {
    running++;
    report();
    // The count drops before the caller's handlers run, so they see the queue as it now is.
    const result = tail.then(task).finally(() => {
      running--;
      report();
    });
    tail = result.catch(() => undefined);
    return result;
  };

  const fire = (key: string) => {
    const entry = waiting.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    waiting.delete(key);
    entry.send(entry.patch);
    report();
  };

  const flush = () => {
    for (const key of [...waiting.keys()]) fire(key);
  };

  return {
    run,
    flush,
    debounce(key, patch, send) {
      const previous = waiting.get(key);
      if (previous) clearTimeout(previous.timer);
      waiting.set(key, {
        patch: { ...previous?.patch, ...patch },
        send: send as (merged: object) => void,
        timer: setTimeout(() => fire(key), delayMs),
      });
      report();
    },
    settled() {
      flush();
      return tail.then(() => undefined);
    },
  };
}
