import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { Random } from '../../../scripts/fixtures/random.ts';
import { describeWithShared, readSharedJson } from '../../../test-support/shared.ts';
import { createEmbedding, type Embedding } from './embedding.ts';
import { SVR_EOT_STEP_FACTOR, SvrReweighter, type ReweightRows, type SvrMode, type SvrParams } from './svr.ts';

interface SvrCase {
  name: string;
  mode: SvrMode;
  embedding: number[][];
  frame_spans: number[][];
  eot_positions: number[];
  alpha_enhance: number;
  beta_enhance: number;
  alpha_suppress: number;
  beta_suppress: number;
  expected_per_frame: number[][][];
}

const DEFAULTS: SvrParams = { alphaEnhance: 0.01, betaEnhance: 1, alphaSuppress: 0.01, betaSuppress: 0.05 };

function prepared(svr: SvrReweighter, source: Embedding, frame: number, mode: SvrMode, params: SvrParams): Float32Array {
  const out = createEmbedding(source.tokens, source.dim);
  svr.prepare(frame, mode, params, { data: out.data, offset: 0, stride: out.dim });
  return out.data;
}

/** Largest |a − b| relative to the largest |b| of the same row. */
function rowRelativeError(a: ArrayLike<number>, b: ArrayLike<number>, dim: number): number {
  let worst = 0;
  for (let row = 0; row * dim < b.length; row++) {
    let scale = 1e-30;
    for (let x = row * dim; x < (row + 1) * dim; x++) scale = Math.max(scale, Math.abs(b[x]));
    for (let x = row * dim; x < (row + 1) * dim; x++) worst = Math.max(worst, Math.abs(a[x] - b[x]) / scale);
  }
  return worst;
}

/** Issue 3's definition, step by step: an SVD of the current rows (ml-matrix), σ ↦ g(σ)·σ, in float64. */
function svrByDefinition(source: Embedding, rows: ReweightRows, frame: number, mode: SvrMode, p: SvrParams): Float64Array {
  const { dim } = source;
  const e = Float64Array.from(source.data);
  const step = (frameRows: readonly number[], g: (s: number) => number): void => {
    if (mode === 'svr-eot') for (const t of rows.eot) for (let x = 0; x < dim; x++) e[t * dim + x] *= SVR_EOT_STEP_FACTOR;
    const set = mode === 'svr' ? [...frameRows, ...rows.eot] : [...frameRows];
    if (set.length === 0) return;
    const x = new Matrix(set.map((t) => Array.from(e.subarray(t * dim, (t + 1) * dim))));
    const svd = new SingularValueDecomposition(x, { autoTranspose: true });
    const sigma = svd.diagonal.map((s) => g(s) * s);
    const result = svd.leftSingularVectors.mmul(Matrix.diag(sigma)).mmul(svd.rightSingularVectors.transpose());
    set.forEach((t, i) => e.set(result.getRow(i), t * dim));
  };
  rows.frames.forEach((frameRows, k) => {
    if (k !== frame) step(frameRows, (s) => p.betaSuppress * Math.exp(-p.alphaSuppress * s));
  });
  step(rows.frames[frame], (s) => p.betaEnhance * Math.exp(p.alphaEnhance * s));
  return e;
}

function randomEmbedding(tokens: number, dim: number, seed: number): Embedding {
  const random = new Random(seed);
  const common = random.normals(dim, 3);
  return createEmbedding(tokens, dim, Float32Array.from({ length: tokens * dim }, (_, i) => common[i % dim] + random.normal()));
}

describeWithShared('SVR reproduces ../shared/reference/svr-cases.json', () => {
  const { cases } = readSharedJson<{ cases: SvrCase[] }>('reference', 'svr-cases.json');
  for (const c of cases) {
    it(c.name, () => {
      const source = createEmbedding(c.embedding.length, c.embedding[0].length, Float32Array.from(c.embedding.flat()));
      const svr = new SvrReweighter(source, { frames: c.frame_spans, eot: c.eot_positions });
      const params = { alphaEnhance: c.alpha_enhance, betaEnhance: c.beta_enhance, alphaSuppress: c.alpha_suppress, betaSuppress: c.beta_suppress };
      c.expected_per_frame.forEach((expected, j) => {
        // The reference is float64 stored as float32: within a few float32 roundings of each row's scale.
        expect(rowRelativeError(prepared(svr, source, j, c.mode, params), expected.flat(), source.dim)).toBeLessThan(1e-6);
      });
    });
  }
});

describe('SvrReweighter', () => {
  const rows: ReweightRows = { frames: [[3, 4, 5], [6, 7], [8, 9, 10, 11]], eot: [12, 13, 14, 15, 16] };

  it('follows the definition step by step (ml-matrix as the oracle), in both modes and for every frame', () => {
    const source = randomEmbedding(17, 40, 1);
    const svr = new SvrReweighter(source, rows);
    const tuned: SvrParams = { alphaEnhance: 0.02, betaEnhance: 1.3, alphaSuppress: 0.05, betaSuppress: 0.4 };
    for (const mode of ['svr', 'svr-eot'] as const) {
      for (const params of [DEFAULTS, tuned]) {
        for (const j of [2, 0, 1]) {
          expect(rowRelativeError(prepared(svr, source, j, mode, params), svrByDefinition(source, rows, j, mode, params), 40)).toBeLessThan(2e-6);
        }
      }
    }
  });

  it('handles more rows in a step than features (rank-deficient Gram matrices)', () => {
    const source = randomEmbedding(17, 6, 2);
    const svr = new SvrReweighter(source, rows);
    for (const j of [0, 1, 2]) {
      expect(rowRelativeError(prepared(svr, source, j, 'svr', DEFAULTS), svrByDefinition(source, rows, j, 'svr', DEFAULTS), 6)).toBeLessThan(2e-6);
    }
  });

  it('scales rows by β and β′ alone when α = α′ = 0: which rows each step touches, and how often', () => {
    const source = randomEmbedding(17, 8, 3);
    const svr = new SvrReweighter(source, rows);
    const params: SvrParams = { alphaEnhance: 0, betaEnhance: 3, alphaSuppress: 0, betaSuppress: 0.5 };
    const expectRows = (out: Float32Array, list: readonly number[], factor: number) => {
      for (const t of list) {
        for (let x = t * 8; x < (t + 1) * 8; x++) expect(out[x]).toBeCloseTo(source.data[x] * factor, 5);
      }
    };
    const svrOut = prepared(svr, source, 1, 'svr', params);
    expectRows(svrOut, [0, 1, 2], 1);
    expectRows(svrOut, [...rows.frames[0], ...rows.frames[2]], 0.5);
    expectRows(svrOut, rows.frames[1], 3);
    expectRows(svrOut, rows.eot, 0.5 * 0.5 * 3); // in both suppress steps, then the enhance step
    const eotOut = prepared(svr, source, 1, 'svr-eot', params);
    expectRows(eotOut, rows.frames[1], 3);
    expectRows(eotOut, rows.eot, SVR_EOT_STEP_FACTOR ** 3); // scaled before each of the three steps, in no set
  });

  it('gives the same result whatever the order frames and settings are prepared in (per-story caching)', () => {
    const source = randomEmbedding(17, 24, 4);
    const cached = new SvrReweighter(source, rows);
    const other: SvrParams = { ...DEFAULTS, betaSuppress: 0.2 };
    for (const [j, mode, params] of [[2, 'svr', DEFAULTS], [0, 'svr', DEFAULTS], [1, 'svr-eot', DEFAULTS], [2, 'svr', other], [1, 'svr', DEFAULTS], [2, 'svr', DEFAULTS]] as const) {
      const fresh = new SvrReweighter(source, rows);
      expect(prepared(cached, source, j, mode, params)).toEqual(prepared(fresh, source, j, mode, params));
    }
  });

  it('writes into a wider target at an offset, leaving the other columns alone', () => {
    const source = randomEmbedding(17, 5, 5);
    const svr = new SvrReweighter(source, rows);
    const wide = new Float32Array(17 * 9).fill(7);
    svr.prepare(0, 'svr', DEFAULTS, { data: wide, offset: 2, stride: 9 });
    const alone = prepared(svr, source, 0, 'svr', DEFAULTS);
    for (let t = 0; t < 17; t++) {
      expect(Array.from(wide.subarray(t * 9 + 2, t * 9 + 7))).toEqual(Array.from(alone.subarray(t * 5, t * 5 + 5)));
      expect([wide[t * 9], wide[t * 9 + 1], wide[t * 9 + 7], wide[t * 9 + 8]]).toEqual([7, 7, 7, 7]);
    }
  });

  it('rejects rows outside the embedding, rows in two sets and unknown frames', () => {
    const source = randomEmbedding(17, 4, 6);
    expect(() => new SvrReweighter(source, { frames: [[3, 17]], eot: [] })).toThrow(/outside/);
    expect(() => new SvrReweighter(source, { frames: [[3, 4]], eot: [4, 5] })).toThrow(/two frames, or to a frame and EOT/);
    const svr = new SvrReweighter(source, rows);
    expect(() => svr.prepare(3, 'svr', DEFAULTS, { data: new Float32Array(68), offset: 0, stride: 4 })).toThrow(/not one of this prompt's 3 frames/);
  });
});
