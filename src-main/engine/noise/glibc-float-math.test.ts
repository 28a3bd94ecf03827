import { describe, expect, it } from 'vitest';
import { glibcCosf, glibcLogf, glibcSinf } from './glibc-float-math.ts';

const fround = Math.fround;

/** The float32 values either side of fround(x): glibc is within an ulp, so it returns one of these. */
function bracket(x: number): [number, number] {
  const f = fround(x);
  const bits = new Float32Array([f]);
  const i = new Int32Array(bits.buffer);
  i[0] += f > x === f > 0 ? -1 : 1;
  return [f, bits[0]];
}

describe('glibc logf, sinf, cosf', () => {
  it('return the float32 just below or above the true value (the inputs torch feeds them)', () => {
    for (let k = 1; k <= 2048; k++) {
      const u = 1 - (k - 1) / 2048;
      expect(bracket(Math.log(u))).toContain(glibcLogf(u));
      const theta = fround((2 * Math.PI * (k - 1)) / 2048);
      expect(bracket(Math.sin(theta))).toContain(glibcSinf(theta));
      expect(bracket(Math.cos(theta))).toContain(glibcCosf(theta));
    }
  });

  it('are exact where the value is', () => {
    expect(glibcLogf(1)).toBe(0);
    expect(glibcLogf(0.5)).toBe(fround(-Math.LN2));
    expect(glibcSinf(0)).toBe(0);
    expect(glibcCosf(0)).toBe(1);
  });

  it('refuse arguments beyond the fast range reduction', () => {
    expect(() => glibcSinf(200)).toThrow(RangeError);
  });
});
