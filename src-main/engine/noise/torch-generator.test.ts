import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeWithShared, sharedPath } from '../../../test-support/shared.ts';
import { roundToHalf } from './half.ts';
import { TorchGenerator, type NoiseMode } from './torch-generator.ts';

interface RandnCase {
  seed: bigint;
  shape: number[];
  numel: number;
  values?: number[];
  first?: number[];
  last?: number[];
  sum?: number;
  sumsq?: number;
}

interface RandnReference {
  cases: RandnCase[];
  sequential: { seed: bigint; shape: number[]; first_draw: number[]; second_draw: number[] };
  float16: { cases: RandnCase[] };
}

/** Seeds go up to 2^63 − 1, past what a JSON number holds exactly: read them from their source text. */
function readReference<T>(file: string): T {
  const text = readFileSync(sharedPath('reference', file), 'utf8');
  return JSON.parse(text, (key: string, value: unknown, context?: { source?: string }) =>
    key === 'seed' && context?.source !== undefined ? BigInt(context.source) : value,
  ) as T;
}

function maxAbsDiff(got: ArrayLike<number>, expected: readonly number[], offset = 0): number {
  let worst = 0;
  expected.forEach((value, i) => {
    worst = Math.max(worst, Math.abs(got[offset + i] - value));
  });
  return worst;
}

function checkCase(c: RandnCase, mode: NoiseMode): void {
  const got = new TorchGenerator(c.seed).randn(c.shape, mode);
  expect(got.length).toBe(c.numel);
  // float32: within 1e-6 as required (in fact bit-identical); half modes: the exact half values.
  const tolerance = mode === 'float32' ? 1e-6 : 0;
  if (c.values) {
    expect(maxAbsDiff(got, c.values)).toBeLessThanOrEqual(tolerance);
    expect(Array.from(got)).toEqual(c.values);
  }
  if (c.first && c.last) {
    expect(maxAbsDiff(got, c.first)).toBeLessThanOrEqual(tolerance);
    expect(maxAbsDiff(got, c.last, got.length - c.last.length)).toBeLessThanOrEqual(tolerance);
  }
  if (c.sum !== undefined && c.sumsq !== undefined) {
    // Identical values summed in another order differ only by double rounding noise.
    let sum = 0;
    let sumsq = 0;
    for (const v of got) {
      sum += v;
      sumsq += v * v;
    }
    expect(Math.abs(sum - c.sum)).toBeLessThan(1e-8 * c.numel);
    expect(Math.abs(sumsq - c.sumsq)).toBeLessThan(1e-8 * c.numel);
  }
}

const caseName = (c: RandnCase): string => `seed ${c.seed}, shape [${c.shape.join(', ')}]`;

describeWithShared('TorchGenerator reproduces ../shared/reference/torch-randn-cases.json (torch 1.13)', () => {
  const reference = readReference<RandnReference>('torch-randn-cases.json');

  describe('float32', () => {
    for (const c of reference.cases) it(caseName(c), () => checkCase(c, 'float32'));
  });

  describe('float16-torch1 (its float16 section)', () => {
    for (const c of reference.float16.cases) it(caseName(c), () => checkCase(c, 'float16-torch1'));
  });

  it('continues the stream on a second draw', () => {
    const { seed, shape, first_draw, second_draw } = reference.sequential;
    const g = new TorchGenerator(seed);
    expect(Array.from(g.randn(shape))).toEqual(first_draw);
    expect(Array.from(g.randn(shape))).toEqual(second_draw);
  });
});

describeWithShared('TorchGenerator reproduces ../shared/reference/torch-randn-float16-torch2.json (torch 2.13)', () => {
  const reference = readReference<{ cases: (RandnCase & { equals_float32_rounded: boolean })[] }>('torch-randn-float16-torch2.json');

  describe('float16', () => {
    for (const c of reference.cases) {
      it(caseName(c), () => {
        checkCase(c, 'float16');
        const rounded = Array.from(new TorchGenerator(c.seed).randn(c.shape, 'float32'), roundToHalf);
        expect(Array.from(new TorchGenerator(c.seed).randn(c.shape, 'float16')).every((v, i) => v === rounded[i])).toBe(c.equals_float32_rounded);
      });
    }
  });
});

describe('TorchGenerator', () => {
  it('seeds with the low 32 bits of the seed taken as unsigned 64-bit, like torch', () => {
    const draw = (seed: number | bigint): number[] => Array.from(new TorchGenerator(seed).randn([20]));
    expect(draw(4294967303n)).toEqual(draw(7));
    expect(draw(-1)).toEqual(draw(0xffffffff));
    expect(draw(2n ** 63n - 1n)).toEqual(draw(0xffffffff));
  });

  it('rejects seeds that are not integers and invalid shapes', () => {
    expect(() => new TorchGenerator(1.5)).toThrow(RangeError);
    expect(() => new TorchGenerator(2 ** 60)).toThrow(RangeError);
    expect(() => new TorchGenerator(1).randn([2, -1])).toThrow(RangeError);
    expect(() => new TorchGenerator(1).randn([2.5])).toThrow(RangeError);
  });

  it('returns an empty array for an empty shape dimension, and one value for a scalar shape', () => {
    expect(new TorchGenerator(1).randn([0, 4])).toHaveLength(0);
    expect(new TorchGenerator(1).randn([])).toHaveLength(1);
  });

  it('recomputes the last 16 values when the size is not a multiple of 16', () => {
    // A 20-value draw transforms its first 16 uniforms like a 16-value draw, then redraws positions
    // 4…19: only the first four values of that first block survive.
    const sixteen = new TorchGenerator(3).randn([16]);
    const twenty = new TorchGenerator(3).randn([20]);
    expect(Array.from(twenty.subarray(0, 4))).toEqual(Array.from(sixteen.subarray(0, 4)));
    for (let i = 4; i < 16; i++) expect(twenty[i]).not.toBe(sixteen[i]);
  });

  it('draws fewer than 16 values one by one, handing out the cached second Box–Muller value next', () => {
    const pairs = new TorchGenerator(11).randn([6]);
    const g = new TorchGenerator(11);
    const singles = [0, 1, 2, 3, 4, 5].map(() => g.randn([1])[0]);
    expect(singles).toEqual(Array.from(pairs));
    // The cache survives a block draw in between, which does not touch it.
    const h = new TorchGenerator(11);
    const first = h.randn([1])[0];
    h.randn([16]);
    expect(first).toBe(pairs[0]);
    expect(h.randn([1])[0]).toBe(pairs[1]);
  });

  it('casts small half draws (both modes) from the same double samples as float32', () => {
    const f32 = new TorchGenerator(5).randn([7], 'float32');
    for (const mode of ['float16', 'float16-torch1'] as const) {
      expect(Array.from(new TorchGenerator(5).randn([7], mode))).toEqual(Array.from(f32, roundToHalf));
    }
  });

  it('draws float16 as the float32 fill rounded to half, a partial last block drawn whole into the last 16 places', () => {
    // torch 2.13, checked against it on these sizes and others: a size that is not a multiple of 16 is a
    // float32 draw of the next multiple, its last 16 values moved onto the last 16 places; the stream goes
    // on from there, so a following draw matches too.
    for (const n of [16, 17, 20, 31, 32, 33, 50, 100, 256, 1000]) {
      const g = new TorchGenerator(9);
      const half = g.randn([n], 'float16');
      const whole = 16 * Math.ceil(n / 16);
      const f = new TorchGenerator(9);
      const float32 = f.randn([whole]);
      const expected = [...float32.subarray(0, n - 16), ...float32.subarray(whole - 16)].map(roundToHalf);
      expect(Array.from(half), `n = ${n}`).toEqual(expected);
      expect(Array.from(g.randn([40], 'float16'))).toEqual(Array.from(f.randn([40], 'float16')));
    }
  });

  it('gives standard normal statistics', () => {
    const x = new TorchGenerator(2024).randn([4, 128, 128]);
    let sum = 0;
    let sumsq = 0;
    for (const v of x) {
      sum += v;
      sumsq += v * v;
    }
    const mean = sum / x.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(sumsq / x.length - mean * mean - 1)).toBeLessThan(0.02);
  });
});
