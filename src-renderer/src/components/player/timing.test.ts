import { describe, expect, it } from 'vitest';
import { advance, clampTime, formatTime, frameAt, snapDuration, spokenTime, timingOf } from './timing.ts';

describe('timing', () => {
  const timing = timingOf([400, 700, 1, 1000]);

  it('gives each frame its start and the story its running time, to the millisecond', () => {
    expect(timing.starts).toEqual([0, 400, 1100, 1101]);
    expect(timing.total).toBe(2101);
  });

  it('finds the frame a moment falls in: a frame starts at its start and ends just before the next', () => {
    expect(frameAt(timing, 0)).toBe(0);
    expect(frameAt(timing, 399)).toBe(0);
    expect(frameAt(timing, 399.999)).toBe(0);
    expect(frameAt(timing, 400)).toBe(1);
    expect(frameAt(timing, 1099)).toBe(1);
    expect(frameAt(timing, 1100)).toBe(2);
    expect(frameAt(timing, 1101)).toBe(3);
    expect(frameAt(timing, 5000)).toBe(3);
    expect(frameAt(timing, -5)).toBe(0);
  });

  it('has no frame in an empty story', () => {
    const empty = timingOf([]);
    expect(empty.total).toBe(0);
    expect(frameAt(empty, 0)).toBe(-1);
    expect(advance(empty, 0, 10, true)).toEqual({ ms: 0, ended: true });
  });

  it('clamps a seek into the story', () => {
    expect(clampTime(timing, -1)).toBe(0);
    expect(clampTime(timing, 1234)).toBe(1234);
    expect(clampTime(timing, 99_999)).toBe(2101);
  });

  it('advances a clock from where it started, wrapping when looping and holding the end otherwise', () => {
    expect(advance(timing, 300, 500, false)).toEqual({ ms: 800, ended: false });
    expect(advance(timing, 2000, 150, false)).toEqual({ ms: 2101, ended: true });
    expect(advance(timing, 2000, 150, true)).toEqual({ ms: 49, ended: false });
    expect(advance(timing, 0, 2101 * 3 + 5, true)).toEqual({ ms: 5, ended: false });
  });

  it('snaps a dragged duration to 100 ms steps, never under 100 ms nor over the ten-minute limit', () => {
    expect(snapDuration(1049)).toBe(1000);
    expect(snapDuration(1050)).toBe(1100);
    expect(snapDuration(20)).toBe(100);
    expect(snapDuration(-300)).toBe(100);
    expect(snapDuration(700_000)).toBe(600_000);
  });

  it('prints times as a clock with tenths, and speaks them in seconds', () => {
    expect(formatTime(0)).toBe('0:00.0');
    expect(formatTime(4749)).toBe('0:04.7');
    expect(formatTime(62_500)).toBe('1:02.5');
    expect(formatTime(3_725_000)).toBe('1:02:05.0');
    expect(spokenTime(1000)).toBe('1 second');
    expect(spokenTime(1449)).toBe('1.4 seconds');
  });
});
