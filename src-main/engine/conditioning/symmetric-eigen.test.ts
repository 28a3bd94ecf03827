import { describe, expect, it } from 'vitest';
import { EigenWorkspace, symmetricEigen } from './symmetric-eigen.ts';

/** Deterministic pseudo-random numbers in [−1, 1). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 31 - 1;
  };
}

/** X·Xᵀ for an n×d matrix X whose rows come from `row`. */
function gram(n: number, d: number, row: (i: number, x: Float64Array) => void): Float64Array {
  const x = new Float64Array(n * d);
  for (let i = 0; i < n; i++) row(i, x.subarray(i * d, (i + 1) * d));
  const g = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let c = 0; c < d; c++) g[i * n + j] += x[i * d + c] * x[j * d + c];
  return g;
}

function check(matrix: Float64Array, n: number): void {
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  symmetricEigen(matrix, n, values, vectors, new EigenWorkspace(n));
  const scale = Math.max(...Array.from(values, Math.abs), 1e-300);
  let reconstruction = 0;
  let orthogonality = 0;
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      let sum = 0;
      let dot = 0;
      for (let i = 0; i < n; i++) {
        sum += vectors[a * n + i] * values[i] * vectors[b * n + i];
        dot += vectors[i * n + a] * vectors[i * n + b];
      }
      reconstruction = Math.max(reconstruction, Math.abs(sum - matrix[a * n + b]) / scale);
      orthogonality = Math.max(orthogonality, Math.abs(dot - (a === b ? 1 : 0)));
    }
  }
  expect(reconstruction).toBeLessThan(1e-13);
  expect(orthogonality).toBeLessThan(1e-13);
}

describe('symmetricEigen', () => {
  it('decomposes Gram matrices of every size SVR meets', () => {
    const random = lcg(1);
    for (const n of [1, 2, 3, 5, 17, 40, 77]) check(gram(n, 96, (_, x) => x.forEach((_, c) => (x[c] = random()))), n);
  });

  it('handles rank deficiency (more rows than features) and repeated eigenvalues', () => {
    const random = lcg(2);
    check(gram(40, 8, (_, x) => x.forEach((_, c) => (x[c] = random()))), 40);
    const identity = new Float64Array(30 * 30);
    for (let i = 0; i < 30; i++) identity[i * 30 + i] = 3;
    check(identity, 30);
    check(new Float64Array(16), 4);
  });

  it('handles rows that are nearly the same (CLIP padding) beside one dominant direction', () => {
    const random = lcg(3);
    const common = Float64Array.from({ length: 64 }, () => 30 * random());
    check(gram(45, 64, (i, x) => x.forEach((_, c) => (x[c] = common[c] + 10 ** -(i % 7) * random()))), 45);
  });

  it('handles a tridiagonal matrix that splits', () => {
    const n = 12;
    const m = new Float64Array(n * n);
    for (let i = 0; i < n; i++) m[i * n + i] = i % 3;
    for (let i = 0; i + 1 < n; i++) if (i % 4 !== 3) m[i * n + i + 1] = m[(i + 1) * n + i] = 1;
    check(m, n);
  });
});
