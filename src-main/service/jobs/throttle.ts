/**
 * Runs `flush` at most once per interval: the first request at once, later ones folded into one call at
 * the end of the interval, so the last state always gets out.
 */
export class Throttle {
  readonly #flush: () => void;
  readonly #intervalMs: number;
  #last = -Infinity;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(intervalMs: number, flush: () => void) {
    this.#intervalMs = intervalMs;
    this.#flush = flush;
  }

  request(): void {
    if (this.#timer) return;
    const wait = this.#last + this.#intervalMs - performance.now();
    if (wait <= 0) this.#run();
    else this.#timer = setTimeout(() => this.#run(), wait);
  }

  /** Drops a pending flush (the caller is about to send the final state itself). */
  cancel(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #run(): void {
    this.#timer = undefined;
    this.#last = performance.now();
    this.#flush();
  }
}
