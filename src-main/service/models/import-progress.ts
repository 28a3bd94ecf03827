import type { ServiceContext } from '../context.ts';
import { Throttle } from '../jobs/throttle.ts';

/** Import progress goes out at most this often. */
const PROGRESS_INTERVAL_MS = 200;

/** `model.importProgress` events of one copy, throttled; the last state always goes out. */
export class ImportProgress {
  readonly #throttle: Throttle;
  readonly #emit: () => void;
  #copied = 0;
  #total = 0;
  #finished = false;

  constructor(events: ServiceContext['events'], importId: string, source: string) {
    this.#emit = () => events.emit('model.importProgress', { importId, source, copiedBytes: this.#copied, totalBytes: this.#total });
    this.#throttle = new Throttle(PROGRESS_INTERVAL_MS, this.#emit);
  }

  update(copied: number, total: number): void {
    this.#copied = copied;
    this.#total = total;
    this.#throttle.request();
  }

  /** Sends the final state (once), instead of a pending throttled one. */
  finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#throttle.cancel();
    this.#emit();
  }
}
