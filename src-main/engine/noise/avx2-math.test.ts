import { describe, expect, it } from 'vitest';
import { fma32, logAvx, sinCosAvx, type SinCos } from './avx2-math.ts';

const fround = Math.fround;
const SCALE = 2 ** 150; // every float32 times 2^150 is an integer

function neighbours(x: number): number[] {
  const f = new Float32Array([x, x, x]);
  const i = new Int32Array(f.buffer);
  i[0] -= 1;
  i[2] += 1;
  return [...f];
}

/** a·b + c rounded once to float32, computed exactly with BigInt (for moderate magnitudes). */
function exactFma32(a: number, b: number, c: number): number {
  const exact = BigInt(a * SCALE) * BigInt(b * SCALE) + BigInt(c * SCALE) * BigInt(SCALE);
  const candidates = neighbours(fround(Number(exact) / SCALE / SCALE)).filter(Number.isFinite);
  let best = candidates[0];
  let bestDistance = -1n;
  for (const candidate of candidates) {
    const diff = BigInt(candidate * SCALE) * BigInt(SCALE) - exact;
    const distance = diff < 0n ? -diff : diff;
    const evenMantissa = (new Int32Array(new Float32Array([candidate]).buffer)[0] & 1) === 0;
    if (bestDistance < 0n || distance < bestDistance || (distance === bestDistance && evenMantissa)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Distance in float32 ulps (at the expected value's magnitude). */
function ulps(got: number, expected: number): number {
  const [, mid, up] = neighbours(Math.abs(fround(expected)));
  return Math.abs(got - expected) / (up - mid);
}

describe('fma32', () => {
  it('rounds once, where rounding the double result again would land on a tie wrongly', () => {
    // a·b = 2^-24 − 2^-70: the double sum drops 2^-70 and sits exactly halfway between two floats.
    const a = 1 + 2 ** -23;
    const b = 2 ** -24 * (1 - 2 ** -23);
    const c = 1 + 2 ** -23;
    expect(fround(a * b + c)).toBe(1 + 2 ** -22);
    expect(fma32(a, b, c)).toBe(1 + 2 ** -23);
    expect(fma32(a, b, c)).toBe(exactFma32(a, b, c));
  });

  it('agrees with exact rational arithmetic on random float32 operands', () => {
    let seed = 12345;
    const random = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const operand = (): number => fround((random() - 0.5) * 2 ** Math.floor(random() * 40 - 20));
    for (let i = 0; i < 5000; i++) {
      const a = operand();
      const b = operand();
      // Make c close to −a·b now and then, to exercise cancellation.
      const c = i % 3 === 0 ? fround(-a * b * (1 + (random() - 0.5) * 2 ** -20)) : operand();
      expect(fma32(a, b, c)).toBe(exactFma32(a, b, c));
    }
  });
});

describe('AVX2 log and sincos (lane emulation)', () => {
  it('logAvx stays within a few ulps of the true log over (0, 1]', () => {
    for (let k = 1; k <= 4096; k++) {
      const x = fround(k / 4096) - (k % 7) * 2 ** -24;
      const expected = Math.log(x);
      if (expected === 0) continue;
      expect(ulps(logAvx(x), expected)).toBeLessThan(4);
    }
    expect(logAvx(1)).toBe(0);
  });

  it('sinCosAvx stays within a few ulps of the true sine and cosine over [0, 2π)', () => {
    const out: SinCos = { sin: 0, cos: 0 };
    for (let k = 0; k < 4096; k++) {
      const x = fround((2 * Math.PI * k) / 4096);
      sinCosAvx(x, out);
      expect(Math.abs(out.sin - Math.sin(x))).toBeLessThan(2 ** -22);
      expect(Math.abs(out.cos - Math.cos(x))).toBeLessThan(2 ** -22);
    }
    sinCosAvx(0, out);
    expect(out).toEqual({ sin: 0, cos: 1 });
  });
});
