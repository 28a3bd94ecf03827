import { describe, expect, it } from 'vitest';
import { Random } from '../../../scripts/fixtures/random.ts';
import { roundToHalf } from '../noise/half.ts';
import { fromHalfBits, toHalfBits } from './float16.ts';

describe('float16 bit patterns', () => {
  it('every half survives the round trip (NaNs stay NaN)', () => {
    const all = Uint16Array.from({ length: 0x10000 }, (_, i) => i);
    const back = toHalfBits(fromHalfBits(all));
    for (let h = 0; h < 0x10000; h++) {
      const isNaN = (h & 0x7c00) === 0x7c00 && (h & 0x3ff) !== 0;
      if (isNaN) expect(Number.isNaN(fromHalfBits(back.subarray(h, h + 1))[0])).toBe(true);
      else expect(back[h]).toBe(h);
    }
  });

  it('rounds float32 to the nearest half, ties to even, as c10 does', () => {
    const edges = [0, -0, 1, 1 + 2 ** -11, 1 + 3 * 2 ** -11, 65504, 65519.99, 65520, -70000, 2 ** -14, 2 ** -24, 2 ** -25, 2 ** -25 * 1.001, 3 * 2 ** -25, 2 ** -26, 1e-8, Infinity, -Infinity];
    const random = new Random(11);
    const spread = Array.from({ length: 20000 }, (_, i) => random.normals(1)[0] * 2 ** ((i % 60) - 30));
    const values = Float32Array.from([...edges, ...spread]);
    const converted = fromHalfBits(toHalfBits(values));
    expect(converted).toEqual(Float32Array.from(values, roundToHalf));
    expect(Object.is(converted[1], -0)).toBe(true);
    expect(Number.isNaN(fromHalfBits(toHalfBits(Float32Array.of(NaN)))[0])).toBe(true);
  });
});
