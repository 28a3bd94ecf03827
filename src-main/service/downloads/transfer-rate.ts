/** How far back the speed looks: long enough to smooth bursts, short enough to follow a changing connection. */
const WINDOW_MS = 5_000;

/** Download speed over the last few seconds, and the time left at that speed. */
export class TransferRate {
  readonly #clock: () => number;
  #samples: { at: number; bytes: number }[] = [];

  constructor(clock: () => number = () => performance.now()) {
    this.#clock = clock;
  }

  /** Notes the running total of bytes received. */
  add(totalBytes: number): void {
    const at = this.#clock();
    this.#samples.push({ at, bytes: totalBytes });
    while (this.#samples.length > 2 && at - this.#samples[1].at >= WINDOW_MS) this.#samples.shift();
  }

  /** null until the window holds some time of transfer */
  bytesPerSecond(): number | null {
    const first = this.#samples[0];
    const last = this.#samples.at(-1);
    if (!first || !last || last.at <= first.at) return null;
    return ((last.bytes - first.bytes) * 1000) / (last.at - first.at);
  }

  etaSeconds(remainingBytes: number): number | null {
    const speed = this.bytesPerSecond();
    return speed ? Math.round(remainingBytes / speed) : null;
  }
}
