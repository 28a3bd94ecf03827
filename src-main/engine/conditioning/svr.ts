// Singular-Value Reweighting (1Prompt1Story §3.2), with the semantics of issue 3 §4.
//
// For frame j of a prompt: for every other frame k, in prompt order, the rows {Pk} ∪ EOT are suppressed
// (σ ↦ β′·e^(−α′σ)·σ); then the rows {Pj} ∪ EOT are enhanced (σ ↦ β·e^(ασ)·σ). Each step works on the rows as
// the previous steps left them. With X the n×d matrix of a step's rows and X·Xᵀ = V·diag(σ²)·Vᵀ, reweighting
// the singular values is X ↦ V·diag(g(σ))·Vᵀ·X with g(σ) = β·e^(±ασ): no division by small σ.
//
// Why it is fast: every step only mixes rows, so the rows any step touches (r of them) stay combinations of
// the same r source rows. With E₀ those rows and E₀·E₀ᵀ = U·Λ·Uᵀ (once per prompt), E₀ = (U·√Λ)·B where
// B = Λ^(−½)·Uᵀ·E₀ has orthonormal rows. A frame keeps only the coordinates Y (r×k) of its rows in B: a step's
// Gram matrix is Y[set]·Y[set]ᵀ and its update Y[set] ← M·Y[set], both O(n²·k) whatever the embedding's
// width; B's features are read once, at the end, to form Y·B. Rounding stays at float64 level even where λ
// is tiny: steps mix rows of Y, never its columns, so the √λ scaling column i carries cancels in Y·B.
import type { ReweightSettings } from '../../../src-shared/domain/index.ts';
import { CombineWorkspace, combineRows, symmetricRowProducts } from './combine-rows.ts';
import { copyRows, type Embedding, type RowTarget } from './embedding.ts';
import { EigenWorkspace, symmetricEigen } from './symmetric-eigen.ts';

export type SvrMode = 'svr' | 'svr-eot';
export type SvrParams = Pick<ReweightSettings, 'alphaEnhance' | 'betaEnhance' | 'alphaSuppress' | 'betaSuppress'>;

/** The token rows reweighting works on: each frame's rows, in prompt order, and the EOT rows. */
export interface ReweightRows {
  frames: readonly (readonly number[])[];
  eot: readonly number[];
}

/** Mode `svr-eot` keeps EOT out of the steps' row sets and instead scales it by this before every step. */
export const SVR_EOT_STEP_FACTOR = 0.9;

/** SVR of one encoder output of one prompt; keeps what all its frames share (U·√Λ and B). */
export class SvrReweighter {
  readonly #source: Embedding;
  readonly #active: Int32Array; // token row of each local index
  readonly #untouched: Int32Array; // token rows no step touches
  readonly #frames: Int32Array[]; // local indices of each frame's rows
  readonly #eot: Int32Array; // local indices of the EOT rows
  readonly #basis: Float64Array; // B, k×dim
  readonly #start: Float64Array; // U·√Λ, r×k: Y before any step
  readonly #rank: number; // k: the positive eigenvalues of E₀·E₀ᵀ
  readonly #y: Float64Array; // Y, r×k
  readonly #set: Int32Array;
  readonly #next: Float64Array; // M·Y[set]
  readonly #prefixes: Float64Array[]; // [m]: Y after suppressing frames 0 … m−1; [0] is U·√Λ
  #prefixKey = ''; // the mode and suppression parameters the prefixes were made with
  readonly #c: Float64Array; // Gram matrix of a step's rows, then M
  readonly #values: Float64Array;
  readonly #vectors: Float64Array;
  readonly #scaled: Float64Array; // V·diag(g(σ))
  readonly #eigen: EigenWorkspace;
  readonly #combine: CombineWorkspace;

  constructor(source: Embedding, rows: ReweightRows) {
    const { tokens, dim, data } = source;
    const all = [...rows.frames.flat(), ...rows.eot];
    for (const row of all) {
      if (!Number.isInteger(row) || row < 0 || row >= tokens) throw new Error(`SVR: token row ${row} is outside the embedding's ${tokens} tokens`);
    }
    if (new Set(all).size !== all.length) throw new Error('SVR: a token row belongs to two frames, or to a frame and EOT');
    this.#source = source;
    this.#active = Int32Array.from(all).sort();
    this.#untouched = Int32Array.from({ length: tokens }, (_, t) => t).filter((t) => !all.includes(t));
    const local = new Map(Array.from(this.#active, (row, index) => [row, index]));
    this.#frames = rows.frames.map((frame) => Int32Array.from(frame, (row) => local.get(row)!));
    this.#eot = Int32Array.from(rows.eot, (row) => local.get(row)!);

    const r = this.#active.length;
    const e = new Float64Array(r * dim);
    this.#active.forEach((row, l) => e.set(data.subarray(row * dim, (row + 1) * dim), l * dim));
    this.#eigen = new EigenWorkspace(r);
    this.#values = new Float64Array(r);
    this.#vectors = new Float64Array(r * r);
    this.#scaled = new Float64Array(r * r);
    this.#c = new Float64Array(r * r);

    const gram = this.#c;
    symmetricRowProducts(e, e, identityRows(r), dim, gram);
    symmetricEigen(gram, r, this.#values, this.#vectors, this.#eigen);
    const kept = Int32Array.from(this.#values.subarray(0, r).keys()).filter((i) => this.#values[i] > 0);
    const k = kept.length;
    this.#rank = k;
    this.#start = new Float64Array(r * k);
    const toBasis = new Float64Array(k * r); // Λ^(−½)·Uᵀ
    kept.forEach((i, c) => {
      const root = Math.sqrt(this.#values[i]);
      for (let a = 0; a < r; a++) {
        this.#start[a * k + c] = this.#vectors[a * r + i] * root;
        toBasis[c * r + a] = this.#vectors[a * r + i] / root;
      }
    });
    this.#combine = new CombineWorkspace(Math.max(dim, k), r);
    this.#basis = new Float64Array(k * dim);
    combineRows(toBasis, r, e, identityRows(r), { data: this.#basis, offset: 0, stride: dim }, identityRows(k), dim, this.#combine);

    this.#y = new Float64Array(r * k);
    this.#prefixes = [this.#start];
    this.#set = new Int32Array(r);
    this.#next = new Float64Array(r * k);
  }

  /** Writes every row of the embedding as prepared for frame `frame` (an index into `rows.frames`) to `target`. */
  prepare(frame: number, mode: SvrMode, params: SvrParams, target: RowTarget): void {
    const frames = this.#frames;
    if (!Number.isInteger(frame) || frame < 0 || frame >= frames.length) {
      throw new Error(`SVR: frame ${frame} is not one of this prompt's ${frames.length} frames`);
    }
    const suppress = (s: number): number => params.betaSuppress * Math.exp(-params.alphaSuppress * s);
    const enhance = (s: number): number => params.betaEnhance * Math.exp(params.alphaEnhance * s);
    this.#restorePrefix(frame, mode, params, suppress);
    for (let j = frame + 1; j < frames.length; j++) this.#step(frames[j], mode, suppress);
    this.#step(frames[frame], mode, enhance);

    const k = this.#rank;
    copyRows(this.#source, target, this.#untouched);
    combineRows(this.#y, k, this.#basis, identityRows(k), target, this.#active, this.#source.dim, this.#combine);
  }

  /**
   * Y ← the rows after suppressing frames 0 … count−1 in turn: where every frame from `count` on starts. Kept
   * for the story (per mode and suppression parameters), so later frames skip those steps.
   */
  #restorePrefix(count: number, mode: SvrMode, params: SvrParams, suppress: (sigma: number) => number): void {
    const key = `${mode} ${params.alphaSuppress} ${params.betaSuppress}`;
    const prefixes = this.#prefixes;
    if (key !== this.#prefixKey) {
      prefixes.length = 1;
      this.#prefixKey = key;
    }
    this.#y.set(prefixes[Math.min(count, prefixes.length - 1)]);
    for (let m = prefixes.length; m <= count; m++) {
      this.#step(this.#frames[m - 1], mode, suppress);
      prefixes.push(this.#y.slice());
    }
  }

  /** Rows `frameRows` (∪ EOT in mode svr) ← V·diag(g(σ))·Vᵀ·rows, applied to their coordinates Y. */
  #step(frameRows: Int32Array, mode: SvrMode, g: (sigma: number) => number): void {
    const k = this.#rank;
    const y = this.#y;
    let n = 0;
    const set = this.#set;
    for (const l of frameRows) set[n++] = l;
    if (mode === 'svr') {
      for (const l of this.#eot) set[n++] = l;
    } else {
      for (const l of this.#eot) for (let x = l * k; x < (l + 1) * k; x++) y[x] *= SVR_EOT_STEP_FACTOR;
    }
    if (n === 0) return;
    const rows = set.subarray(0, n);

    // Gram matrix of the step's rows: Y[set]·Y[set]ᵀ.
    const c = this.#c;
    symmetricRowProducts(y, y, rows, k, c);

    // M = V·diag(g(σ))·Vᵀ, σ = √λ (λ < 0 is rounding of a zero singular value).
    const values = this.#values;
    const vectors = this.#vectors;
    symmetricEigen(c, n, values, vectors, this.#eigen);
    for (let i = 0; i < n; i++) values[i] = g(Math.sqrt(Math.max(values[i], 0)));
    const scaled = this.#scaled;
    for (let a = 0; a < n * n; a++) scaled[a] = vectors[a] * values[a % n];
    symmetricRowProducts(scaled, vectors, identityRows(n), n, c);

    // Y[set] ← M·Y[set]
    const next = this.#next;
    combineRows(c, n, y, rows, { data: next, offset: 0, stride: k }, identityRows(n), k, this.#combine);
    for (let a = 0; a < n; a++) y.set(next.subarray(a * k, (a + 1) * k), rows[a] * k);
  }
}

const IDENTITY_ROWS = Int32Array.from({ length: 128 }, (_, i) => i);

/** 0, 1, …, n−1 without allocating. */
function identityRows(n: number): Int32Array {
  return n <= IDENTITY_ROWS.length ? IDENTITY_ROWS.subarray(0, n) : Int32Array.from({ length: n }, (_, i) => i);
}
