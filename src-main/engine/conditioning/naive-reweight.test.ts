import { describe, expect, it } from 'vitest';
import { createEmbedding } from './embedding.ts';
import { naiveReweight } from './naive-reweight.ts';

describe('naiveReweight', () => {
  const source = createEmbedding(8, 2, Float32Array.from({ length: 16 }, (_, i) => i + 1));
  const frames = [[2, 3], [4], [5]];

  it("scales the frame's tokens up and the other frames' down; start, identity and EOT stay", () => {
    const out = createEmbedding(8, 2);
    naiveReweight(source, frames, 1, { naiveEnhance: 2, naiveSuppress: 0.5 }, { data: out.data, offset: 0, stride: 2 });
    const factors = [1, 1, 0.5, 0.5, 2, 0.5, 1, 1];
    expect(Array.from(out.data)).toEqual(Array.from(source.data, (v, i) => v * factors[i >> 1]));
  });

  it('uses the factors it is given, and writes into a wider target', () => {
    const wide = new Float32Array(8 * 3).fill(-1);
    naiveReweight(source, frames, 0, { naiveEnhance: 3, naiveSuppress: 0 }, { data: wide, offset: 1, stride: 3 });
    expect(Array.from(wide.subarray(2 * 3, 3 * 3))).toEqual([-1, 15, 18]);
    expect(Array.from(wide.subarray(4 * 3, 5 * 3))).toEqual([-1, 0, 0]);
    expect(Array.from(wide.subarray(7 * 3, 8 * 3))).toEqual([-1, 15, 16]);
  });

  it('rejects a frame the prompt does not have', () => {
    expect(() => naiveReweight(source, frames, 3, { naiveEnhance: 2, naiveSuppress: 0.5 }, { data: new Float32Array(16), offset: 0, stride: 2 })).toThrow(
      /not one of this prompt's 3 frames/,
    );
  });
});
