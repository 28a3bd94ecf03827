import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatSeconds } from './quantities.ts';

describe('formatBytes', () => {
  it('uses decimal units with one decimal below 100 and none above', () => {
    expect([0, 999, 1000, 12_345, 340_000_000, 6_900_000_000, 10 ** 15].map(formatBytes)).toEqual([
      '0 bytes',
      '999 bytes',
      '1.0 kB',
      '12.3 kB',
      '340 MB',
      '6.9 GB',
      '1.0 PB',
    ]);
  });
});

describe('formatSeconds', () => {
  it('keeps up to two decimals and drops trailing zeros', () => {
    expect([1500, 2000, 1234, 600_000].map(formatSeconds)).toEqual(['1.5 s', '2 s', '1.23 s', '600 s']);
  });
});

describe('formatCount', () => {
  it('is singular for one only', () => {
    expect([0, 1, 2].map((n) => formatCount(n, 'frame'))).toEqual(['0 frames', '1 frame', '2 frames']);
    expect(formatCount(1, 'model call')).toBe('1 model call');
    expect(formatCount(2, 'is', 'are')).toBe('2 are');
  });
});
