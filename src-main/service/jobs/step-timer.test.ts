import { describe, expect, it } from 'vitest';
import { StepTimer } from './step-timer.ts';

describe('StepTimer', () => {
  it('averages the time between steps of a batch, leaving out the first step and the gap between batches', () => {
    const timer = new StepTimer(3);
    expect(timer.update({ frames: [0, 1], step: 0 }, 0)).toBeNull(); // loading and the first step
    expect(timer.update({ frames: [0, 1], step: 0 }, 500)).toBeNull(); // the step's second evaluation (Heun)
    expect(timer.update({ frames: [0, 1], step: 1 }, 2_000)).toBe(2);
    expect(timer.update({ frames: [0, 1], step: 2 }, 6_000)).toBe(3);
    // the next batch: the decoder ran between, so no sample until its second step
    expect(timer.update({ frames: [2], step: 0 }, 60_000)).toBe(3);
    expect(timer.update({ frames: [2], step: 1 }, 61_000)).toBe(7 / 3);
    // a moving window: the oldest sample (2 s) drops out
    expect(timer.update({ frames: [2], step: 2 }, 62_000)).toBe(2);
  });
});
