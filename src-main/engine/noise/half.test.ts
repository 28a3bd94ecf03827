import { describe, expect, it } from 'vitest';
import { roundToHalf } from './half.ts';

/** Every finite half value, decoded from its bit pattern. */
function decodeHalf(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

describe('roundToHalf', () => {
  it('keeps every finite half value, and rounds halfway points to the even neighbour', () => {
    for (let bits = 0; bits < 0x10000; bits++) {
      if (((bits >> 10) & 0x1f) === 0x1f) continue; // ∞ and NaN
      const h = decodeHalf(bits);
      expect(Object.is(roundToHalf(h), h)).toBe(true);
      const nextBits = bits + 1;
      if ((nextBits & 0x7fff) >= 0x7c00 || (bits & 0x8000) !== (nextBits & 0x8000)) continue;
      const next = decodeHalf(nextBits);
      const mid = (h + next) / 2;
      expect(roundToHalf(mid)).toBe(bits & 1 ? next : h);
      // Just either side of the midpoint (as float32) goes to the nearer neighbour.
      expect(roundToHalf(mid + Math.abs(mid) * 2 ** -20 * Math.sign(next - h))).toBe(next);
      expect(roundToHalf(mid - Math.abs(mid) * 2 ** -20 * Math.sign(next - h))).toBe(h);
    }
  });

  it('overflows to infinity from 65520 on and passes ∞ and NaN through', () => {
    expect(roundToHalf(65519)).toBe(65504);
    expect(roundToHalf(65520)).toBe(Infinity);
    expect(roundToHalf(-1e6)).toBe(-Infinity);
    expect(roundToHalf(Infinity)).toBe(Infinity);
    expect(roundToHalf(NaN)).toBeNaN();
  });

  it('rounds through float32 first, like the C++ cast from double', () => {
    // 1 + 2^-11 + 2^-40 is just above a half midpoint as a double, but exactly on it as a float32.
    expect(roundToHalf(1 + 2 ** -11 + 2 ** -40)).toBe(1);
  });
});
