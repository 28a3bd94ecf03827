import type { StoryProgress } from '../../engine/pipeline/index.ts';

/** Step intervals averaged: enough to smooth a hiccup, few enough to follow a change (a second batch, a busy GPU). */
const WINDOW = 5;

/**
 * Seconds per sampling step as a moving average of the time between the first progress events of consecutive steps.
 * The first step also pays for loading the model and encoding the prompts, and the gap where a batch ends takes in the
 * VAE decoder: neither is a sample.
 */
export class StepTimer {
  readonly #window: number;
  readonly #intervals: number[] = [];
  #last: { key: string; step: number; at: number } | undefined;

  constructor(window = WINDOW) {
    this.#window = window;
  }

  /** The average so far, or null until two steps of one batch have been seen. */
  update(p: Pick<StoryProgress, 'frames' | 'step'>, atMs: number): number | null {
    const key = p.frames.join(',');
    const last = this.#last;
    if (last?.key === key && last.step === p.step) return this.secondsPerStep;
    if (last?.key === key && p.step === last.step + 1) {
      this.#intervals.push((atMs - last.at) / 1000);
      if (this.#intervals.length > this.#window) this.#intervals.shift();
    }
    this.#last = { key, step: p.step, at: atMs };
    return this.secondsPerStep;
  }

  get secondsPerStep(): number | null {
    return this.#intervals.length === 0 ? null : this.#intervals.reduce((sum, s) => sum + s, 0) / this.#intervals.length;
  }
}
