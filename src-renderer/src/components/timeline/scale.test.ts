import { describe, expect, it } from 'vitest';
import { blockStarts, frameWidth, MIN_FRAME_PX, PX_PER_MS, rulerMarks } from './scale.ts';

describe('the timeline ruler', () => {
  it('marks each second where the blocks put it, linearly inside each block', () => {
    // 1.5 s then 2 s: seconds 1 (inside the first) and 2, 3 (inside the second)
    expect(rulerMarks([1500, 2000])).toEqual([
      { x: 1000 * PX_PER_MS, ms: 1000 },
      { x: 1500 * PX_PER_MS + 500 * PX_PER_MS, ms: 2000 },
      { x: 1500 * PX_PER_MS + 1500 * PX_PER_MS, ms: 3000 },
    ]);
  });

  it('stretches a short shot drawn wider than its time, and starts the next block where that one ends', () => {
    const short = 100; // drawn MIN_FRAME_PX wide, not 8 px
    expect(frameWidth(short)).toBe(MIN_FRAME_PX);
    expect(blockStarts([short, 2000])).toEqual([0, MIN_FRAME_PX]);
    expect(rulerMarks([short, 2000])).toEqual([
      { x: MIN_FRAME_PX + 900 * PX_PER_MS, ms: 1000 },
      { x: MIN_FRAME_PX + 1900 * PX_PER_MS, ms: 2000 },
    ]);
  });

  it('has no mark at zero, and none for an empty story', () => {
    expect(rulerMarks([1000])).toEqual([]);
    expect(rulerMarks([])).toEqual([]);
  });
});
