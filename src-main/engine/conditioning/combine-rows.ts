// The hot loop of SVR: output rows as linear combinations of source rows.
import type { RowTarget } from './embedding.ts';

/** Scratch space for `combineRows`. */
export class CombineWorkspace {
  readonly acc: Float64Array;
  readonly pad: Float64Array;

  constructor(maxWidth: number, maxSources: number) {
    this.acc = new Float64Array(4 * maxWidth);
    this.pad = new Float64Array(4 * maxSources);
  }
}

/**
 * Target row destRows[i] = Σₘ coef[i·coefStride + m] · src row srcRows[m], for i < destRows.length and
 * m < srcRows.length; source rows are `width` values long and contiguous, sums are float64.
 * Works on 4×4 blocks of coefficients so that each source value loaded feeds four outputs (twice as fast as
 * row by row in V8); blocks of zero coefficients are skipped.
 */
export function combineRows(
  coef: Float64Array,
  coefStride: number,
  src: Float64Array,
  srcRows: Int32Array,
  target: RowTarget,
  destRows: Int32Array,
  width: number,
  ws: CombineWorkspace,
): void {
  const nOut = destRows.length;
  const nIn = srcRows.length;
  for (let i = 0; i < nOut; i += 4) {
    const count = Math.min(4, nOut - i);
    if (count === 4) {
      combineFour(coef, i * coefStride, coefStride, src, srcRows, width, ws.acc);
    } else {
      // A last block of fewer than four rows runs through the same kernel with zero coefficient rows.
      const pad = ws.pad;
      pad.fill(0, 0, 4 * nIn);
      for (let k = 0; k < count; k++) pad.set(coef.subarray((i + k) * coefStride, (i + k) * coefStride + nIn), k * nIn);
      combineFour(pad, 0, nIn, src, srcRows, width, ws.acc);
    }
    for (let k = 0; k < count; k++) storeRow(ws.acc, k * width, target.data, target.offset + destRows[i + k] * target.stride, width);
  }
}

/**
 * acc[k·width …] = Σₘ coef[first + k·stride + m] · src row srcRows[m], for k < 4. A last group of fewer than
 * four sources repeats the last source with zero coefficients, so every source goes through the fast loop.
 */
function combineFour(coef: Float64Array, first: number, stride: number, src: Float64Array, srcRows: Int32Array, width: number, acc: Float64Array): void {
  const nIn = srcRows.length;
  acc.fill(0, 0, 4 * width);
  const r0 = first, r1 = r0 + stride, r2 = r1 + stride, r3 = r2 + stride;
  const w2 = 2 * width, w3 = 3 * width;
  for (let m = 0; m < nIn; m += 4) {
    const has1 = m + 1 < nIn, has2 = m + 2 < nIn, has3 = m + 3 < nIn;
    const a0 = coef[r0 + m], a1 = has1 ? coef[r0 + m + 1] : 0, a2 = has2 ? coef[r0 + m + 2] : 0, a3 = has3 ? coef[r0 + m + 3] : 0;
    const b0 = coef[r1 + m], b1 = has1 ? coef[r1 + m + 1] : 0, b2 = has2 ? coef[r1 + m + 2] : 0, b3 = has3 ? coef[r1 + m + 3] : 0;
    const c0 = coef[r2 + m], c1 = has1 ? coef[r2 + m + 1] : 0, c2 = has2 ? coef[r2 + m + 2] : 0, c3 = has3 ? coef[r2 + m + 3] : 0;
    const d0 = coef[r3 + m], d1 = has1 ? coef[r3 + m + 1] : 0, d2 = has2 ? coef[r3 + m + 2] : 0, d3 = has3 ? coef[r3 + m + 3] : 0;
    if (a0 === 0 && a1 === 0 && a2 === 0 && a3 === 0 && b0 === 0 && b1 === 0 && b2 === 0 && b3 === 0 &&
        c0 === 0 && c1 === 0 && c2 === 0 && c3 === 0 && d0 === 0 && d1 === 0 && d2 === 0 && d3 === 0) continue;
    const last = srcRows[nIn - 1] * width;
    const s0 = srcRows[m] * width;
    const s1 = has1 ? srcRows[m + 1] * width : last;
    const s2 = has2 ? srcRows[m + 2] * width : last;
    const s3 = has3 ? srcRows[m + 3] * width : last;
    for (let x = 0; x < width; x++) {
      const e0 = src[s0 + x], e1 = src[s1 + x], e2 = src[s2 + x], e3 = src[s3 + x];
      acc[x] += a0 * e0 + a1 * e1 + a2 * e2 + a3 * e3;
      acc[width + x] += b0 * e0 + b1 * e1 + b2 * e2 + b3 * e3;
      acc[w2 + x] += c0 * e0 + c1 * e1 + c2 * e2 + c3 * e3;
      acc[w3 + x] += d0 * e0 + d1 * e1 + d2 * e2 + d3 * e3;
    }
  }
}

/**
 * out[i·n + j] = out[j·n + i] = Σₓ a row rows[i] · b row rows[j] (rows `width` long), for i, j < n = rows.length:
 * a symmetric product such as a Gram matrix. 2×2 blocks keep four independent sums in registers.
 */
export function symmetricRowProducts(a: Float64Array, b: Float64Array, rows: Int32Array, width: number, out: Float64Array): void {
  const n = rows.length;
  for (let i = 0; i < n; i += 2) {
    const i1 = Math.min(i + 1, n - 1); // an odd last row is computed twice, harmlessly
    const a0 = rows[i] * width, a1 = rows[i1] * width;
    for (let j = i; j < n; j += 2) {
      const j1 = Math.min(j + 1, n - 1);
      const b0 = rows[j] * width, b1 = rows[j1] * width;
      let s00 = 0, s01 = 0, s10 = 0, s11 = 0;
      for (let x = 0; x < width; x++) {
        const p0 = a[a0 + x], p1 = a[a1 + x], q0 = b[b0 + x], q1 = b[b1 + x];
        s00 += p0 * q0;
        s01 += p0 * q1;
        s10 += p1 * q0;
        s11 += p1 * q1;
      }
      out[i * n + j] = out[j * n + i] = s00;
      out[i * n + j1] = out[j1 * n + i] = s01;
      out[i1 * n + j] = out[j * n + i1] = s10;
      out[i1 * n + j1] = out[j1 * n + i1] = s11;
    }
  }
}

// A plain loop: TypedArray.prototype.set converts float64 to float32 far more slowly in V8.
function storeRow(from: Float64Array, start: number, to: Float64Array | Float32Array, at: number, width: number): void {
  for (let x = 0; x < width; x++) to[at + x] = from[start + x];
}
