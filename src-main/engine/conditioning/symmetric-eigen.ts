// Eigen-decomposition of a small dense symmetric matrix: Householder reduction to tridiagonal form, then the
// implicit QL method. SVR solves one per step (n ≈ 30–75, up to ten per frame at SDXL size). ml-matrix's
// EigenvalueDecomposition works on nested arrays and took 0.31 ms at n = 43 (1.3 ms at n = 70) on the 2-core
// target, which would spend most of the 5 ms per-frame budget; this one takes 0.18 ms (0.65 ms). It works in
// place on flat Float64Arrays, and finds the eigenvalues first (cheap without vectors) to use them as shifts
// while accumulating the eigenvectors, so each deflates in about one sweep.

/** Reusable scratch space for `symmetricEigen` on matrices of up to `capacity`×`capacity`. */
export class EigenWorkspace {
  readonly capacity: number;
  readonly a: Float64Array;
  readonly offDiagonal: Float64Array;
  readonly v: Float64Array;
  readonly w: Float64Array;
  readonly cos: Float64Array;
  readonly sin: Float64Array;
  readonly shifts: Float64Array;
  readonly shiftOff: Float64Array;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.a = new Float64Array(capacity * capacity);
    this.offDiagonal = new Float64Array(capacity);
    this.v = new Float64Array(capacity);
    this.w = new Float64Array(capacity);
    this.cos = new Float64Array(capacity);
    this.sin = new Float64Array(capacity);
    this.shifts = new Float64Array(capacity);
    this.shiftOff = new Float64Array(capacity);
  }
}

const MAX_QL_ITERATIONS = 64;

/**
 * Eigenvalues and eigenvectors of the symmetric n×n matrix `matrix` (row-major; only read).
 * On return `values[i]` is an eigenvalue (unsorted) and column i of `vectors` (row-major n×n) its unit
 * eigenvector: matrix[a][b] = Σᵢ vectors[a][i]·values[i]·vectors[b][i].
 */
export function symmetricEigen(
  matrix: Float64Array,
  n: number,
  values: Float64Array,
  vectors: Float64Array,
  ws: EigenWorkspace,
): void {
  if (n > ws.capacity) throw new Error(`symmetricEigen: n = ${n} exceeds the workspace capacity ${ws.capacity}`);
  if (n === 0) return;
  tridiagonalize(matrix, n, values, ws.offDiagonal, vectors, ws);
  const shifts = ws.shifts;
  shifts.set(values.subarray(0, n));
  ws.shiftOff.set(ws.offDiagonal.subarray(0, n));
  tridiagonalQl(shifts, ws.shiftOff, n, null, ws, 0);
  tridiagonalQl(values, ws.offDiagonal, n, vectors, ws, n);
}

/**
 * matrix = Q·T·Qᵀ with T tridiagonal (diagonal `d`, `e[i]` couples i and i+1), Q written to `q`.
 * Each step k reflects column k below the subdiagonal onto its first element (H = I − τ·v·vᵀ).
 */
function tridiagonalize(
  matrix: Float64Array,
  n: number,
  d: Float64Array,
  e: Float64Array,
  q: Float64Array,
  ws: EigenWorkspace,
): void {
  const a = ws.a;
  const v = ws.v;
  const w = ws.w;
  a.set(matrix.subarray(0, n * n));
  for (let k = 0; k < n - 2; k++) {
    const s0 = k + 1;
    let norm2 = 0;
    for (let i = s0; i < n; i++) norm2 += a[i * n + k] * a[i * n + k];
    const x0 = a[s0 * n + k];
    if (norm2 === 0) {
      e[k] = 0;
      a[k * n + k + 1] = 0; // τ = 0: no reflection at this step (read back when Q is built)
      continue;
    }
    const norm = Math.sqrt(norm2);
    const alpha = x0 >= 0 ? -norm : norm;
    for (let i = s0; i < n; i++) v[i] = a[i * n + k];
    v[s0] = x0 - alpha;
    const tau = 1 / (norm2 - alpha * x0); // = 2/(vᵀv)
    // p = τ·A·v (trailing block), then w = p − (τ/2)(vᵀp)·v, A ← A − v·wᵀ − w·vᵀ; on the lower triangle only.
    for (let i = s0; i < n; i++) w[i] = 0;
    for (let i = s0; i < n; i++) {
      const row = i * n;
      const vi = v[i];
      let sum = a[row + i] * vi;
      for (let j = s0; j < i; j++) {
        const aij = a[row + j];
        sum += aij * v[j];
        w[j] += aij * vi;
      }
      w[i] += sum;
    }
    let vp = 0;
    for (let i = s0; i < n; i++) {
      w[i] *= tau;
      vp += v[i] * w[i];
    }
    const half = 0.5 * tau * vp;
    for (let i = s0; i < n; i++) w[i] -= half * v[i];
    for (let i = s0; i < n; i++) {
      const row = i * n;
      const vi = v[i];
      const wi = w[i];
      for (let j = s0; j <= i; j++) a[row + j] -= vi * w[j] + wi * v[j];
    }
    e[k] = alpha;
    // Keep v in the now-unused column below the subdiagonal and τ above the diagonal, to build Q afterwards.
    for (let i = s0; i < n; i++) a[i * n + k] = v[i];
    a[k * n + k + 1] = tau;
  }
  for (let i = 0; i < n; i++) d[i] = a[i * n + i];
  if (n >= 2) e[n - 2] = a[(n - 1) * n + (n - 2)];
  e[n - 1] = 0;
  buildQ(a, n, q, ws.w);
}

/** Q = H₀·H₁·…·H_{n−3}, accumulated backwards so each reflection only touches the trailing block. */
function buildQ(a: Float64Array, n: number, q: Float64Array, w: Float64Array): void {
  q.fill(0, 0, n * n);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  for (let k = n - 3; k >= 0; k--) {
    const tau = a[k * n + k + 1];
    if (tau === 0) continue;
    const s0 = k + 1;
    // Q[s0:, s0:] ← (I − τ·v·vᵀ)·Q[s0:, s0:]: w = vᵀ·Q, then Q −= τ·v·w; two rows per pass over w.
    for (let j = s0; j < n; j++) w[j] = 0;
    let i = s0;
    for (; i + 1 < n; i += 2) {
      const v0 = a[i * n + k];
      const v1 = a[(i + 1) * n + k];
      const r0 = i * n;
      const r1 = r0 + n;
      for (let j = s0; j < n; j++) w[j] += v0 * q[r0 + j] + v1 * q[r1 + j];
    }
    if (i < n) {
      const v0 = a[i * n + k];
      for (let j = s0; j < n; j++) w[j] += v0 * q[i * n + j];
    }
    for (i = s0; i + 1 < n; i += 2) {
      const f0 = tau * a[i * n + k];
      const f1 = tau * a[(i + 1) * n + k];
      const r0 = i * n;
      const r1 = r0 + n;
      for (let j = s0; j < n; j++) {
        const wj = w[j];
        q[r0 + j] -= f0 * wj;
        q[r1 + j] -= f1 * wj;
      }
    }
    if (i < n) {
      const f0 = tau * a[i * n + k];
      for (let j = s0; j < n; j++) q[i * n + j] -= f0 * w[j];
    }
  }
}

/**
 * Implicit QL on (d, e). Rotations are applied to the rows of `z` when given (column i of z becomes eigenvector
 * i); a sweep's rotations are computed first, then applied to each row in one pass. The first sweep for each
 * eigenvalue shifts by the closest of the `shiftCount` known eigenvalues in ws.shifts; any further sweep
 * (rounding can keep a perfect shift from deflating) by Wilkinson's shift, so convergence never depends on them.
 */
function tridiagonalQl(d: Float64Array, e: Float64Array, n: number, z: Float64Array | null, ws: EigenWorkspace, shiftCount: number): void {
  const { cos, sin, shifts } = ws;
  let pool = shiftCount;
  // An off-diagonal entry counts as zero below rounding of the whole matrix, not of its neighbours: the
  // eigenvalues are then exact to ε·‖T‖, as accurate as the Gram matrices SVR feeds in, and small eigenvalues
  // need no extra sweeps.
  let norm = 0;
  for (let i = 0; i < n; i++) norm = Math.max(norm, Math.abs(d[i]) + Math.abs(e[i]) + (i > 0 ? Math.abs(e[i - 1]) : 0));
  const negligible = Number.EPSILON * norm;
  for (let l = 0; l < n; l++) {
    for (let iteration = 0; ; iteration++) {
      let m = l;
      while (m < n - 1 && Math.abs(e[m]) > negligible) m++;
      if (m === l) break;
      if (iteration === MAX_QL_ITERATIONS) throw new Error('symmetricEigen: QL iteration did not converge');
      let g = (d[l + 1] - d[l]) / (2 * e[l]);
      let r = Math.sqrt(g * g + 1);
      let shift = d[l] - e[l] / (g + (g >= 0 ? r : -r));
      if (iteration === 0 && pool > 0) shift = shifts[nearest(shifts, pool, shift)];
      g = d[m] - shift;
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      for (; i >= l; i--) {
        const f = s * e[i];
        const b = c * e[i];
        r = Math.sqrt(f * f + g * g);
        e[i + 1] = r;
        if (r === 0) break; // underflow: the matrix split; restart on the smaller problem
        s = f / r;
        c = g / r;
        g = d[i + 1] - p;
        r = (d[i] - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
        cos[i] = c;
        sin[i] = s;
      }
      if (z !== null) rotateColumns(z, n, i + 1, m, cos, sin);
      if (i >= l) {
        d[i + 1] -= p;
        e[m] = 0;
        continue;
      }
      d[l] -= p;
      e[l] = g;
      e[m] = 0;
    }
    if (pool > 0) shifts[nearest(shifts, pool, d[l])] = shifts[--pool]; // d[l] is found: drop it from the pool
  }
}

function nearest(values: Float64Array, count: number, target: number): number {
  let best = 0;
  for (let i = 1; i < count; i++) if (Math.abs(values[i] - target) < Math.abs(values[best] - target)) best = i;
  return best;
}

/**
 * Applies the rotations of columns (i, i+1) for i = last−1 down to first to every row of z. Each row is a chain
 * of dependent multiply-adds, so four rows go side by side to keep the CPU busy.
 */
function rotateColumns(z: Float64Array, n: number, first: number, last: number, cos: Float64Array, sin: Float64Array): void {
  if (first >= last) return;
  let row = 0;
  for (; row + 4 <= n; row += 4) {
    const z0 = row * n, z1 = z0 + n, z2 = z1 + n, z3 = z2 + n;
    let t0 = z[z0 + last], t1 = z[z1 + last], t2 = z[z2 + last], t3 = z[z3 + last];
    for (let i = last - 1; i >= first; i--) {
      const c = cos[i];
      const s = sin[i];
      const a0 = z[z0 + i], a1 = z[z1 + i], a2 = z[z2 + i], a3 = z[z3 + i];
      z[z0 + i + 1] = s * a0 + c * t0;
      z[z1 + i + 1] = s * a1 + c * t1;
      z[z2 + i + 1] = s * a2 + c * t2;
      z[z3 + i + 1] = s * a3 + c * t3;
      t0 = c * a0 - s * t0;
      t1 = c * a1 - s * t1;
      t2 = c * a2 - s * t2;
      t3 = c * a3 - s * t3;
    }
    z[z0 + first] = t0;
    z[z1 + first] = t1;
    z[z2 + first] = t2;
    z[z3 + first] = t3;
  }
  for (; row < n; row++) {
    const z0 = row * n;
    let t = z[z0 + last];
    for (let i = last - 1; i >= first; i--) {
      const zi = z[z0 + i];
      z[z0 + i + 1] = sin[i] * zi + cos[i] * t;
      t = cos[i] * zi - sin[i] * t;
    }
    z[z0 + first] = t;
  }
}
