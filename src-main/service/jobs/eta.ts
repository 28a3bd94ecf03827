/**
 * Time left from the rate of progress since the first step: the first step also pays for loading the
 * model and encoding the prompts, so it is the starting line rather than a sample.
 */
export class EtaEstimator {
  #start: { fraction: number; at: number } | undefined;

  /** Estimated milliseconds left, or null until two points of progress give a rate. */
  update(fraction: number, at: number): number | null {
    if (!this.#start) {
      this.#start = { fraction, at };
      return null;
    }
    const done = fraction - this.#start.fraction;
    const elapsed = at - this.#start.at;
    if (done <= 0 || elapsed <= 0) return null;
    return Math.round((elapsed / done) * (1 - fraction));
  }
}
