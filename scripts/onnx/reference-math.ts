// Plain-loop float64 versions of the blocks, for the tests to compare ONNX Runtime against.

/** a [m, k] · b [k, n] */
export function matmul(a: ArrayLike<number>, b: ArrayLike<number>, m: number, k: number, n: number): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let t = 0; t < k; t++) s += a[i * k + t] * b[t * n + j];
    out[i * n + j] = s;
  }
  return out;
}

export function layerNormRows(x: ArrayLike<number>, rows: number, size: number, scale: ArrayLike<number>, bias: ArrayLike<number>, eps: number): Float64Array {
  const out = new Float64Array(rows * size);
  for (let r = 0; r < rows; r++) {
    let mean = 0;
    for (let i = 0; i < size; i++) mean += x[r * size + i] / size;
    let variance = 0;
    for (let i = 0; i < size; i++) variance += (x[r * size + i] - mean) ** 2 / size;
    for (let i = 0; i < size; i++) out[r * size + i] = ((x[r * size + i] - mean) / Math.sqrt(variance + eps)) * scale[i] + bias[i];
  }
  return out;
}

/** GroupNorm over NCHW with `hw` = H·W. */
export function groupNorm(x: ArrayLike<number>, n: number, c: number, hw: number, groups: number, scale: ArrayLike<number>, bias: ArrayLike<number>, eps: number): Float64Array {
  const out = new Float64Array(n * c * hw);
  const per = (c / groups) * hw;
  for (let b = 0; b < n; b++) for (let gi = 0; gi < groups; gi++) {
    const start = (b * c + gi * (c / groups)) * hw;
    let mean = 0;
    for (let i = 0; i < per; i++) mean += x[start + i] / per;
    let variance = 0;
    for (let i = 0; i < per; i++) variance += (x[start + i] - mean) ** 2 / per;
    for (let i = 0; i < per; i++) {
      const ch = gi * (c / groups) + Math.floor(i / hw);
      out[start + i] = ((x[start + i] - mean) / Math.sqrt(variance + eps)) * scale[ch] + bias[ch];
    }
  }
  return out;
}

/** Conv2d over NCHW, square kernel, zero padding. */
export function conv2d(x: ArrayLike<number>, n: number, cin: number, h: number, w: number, weight: ArrayLike<number>, bias: ArrayLike<number> | null, cout: number, k: number, stride: number, pad: number): { data: Float64Array; h: number; w: number } {
  const oh = Math.floor((h + 2 * pad - k) / stride) + 1;
  const ow = Math.floor((w + 2 * pad - k) / stride) + 1;
  const data = new Float64Array(n * cout * oh * ow);
  for (let b = 0; b < n; b++) for (let o = 0; o < cout; o++) for (let y = 0; y < oh; y++) for (let xx = 0; xx < ow; xx++) {
    let s = bias ? bias[o] : 0;
    for (let i = 0; i < cin; i++) for (let ky = 0; ky < k; ky++) for (let kx = 0; kx < k; kx++) {
      const iy = y * stride + ky - pad;
      const ix = xx * stride + kx - pad;
      if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
      s += x[((b * cin + i) * h + iy) * w + ix] * weight[((o * cin + i) * k + ky) * k + kx];
    }
    data[((b * cout + o) * oh + y) * ow + xx] = s;
  }
  return { data, h: oh, w: ow };
}

/**
 * Multi-head attention of x [batch, s, dim] over ctx [batch, t, ctxDim] with bias-free projections
 * ([in, dim] row-major), optional causal masking and an additive mask [s, t].
 */
export function attention(
  x: ArrayLike<number>, ctx: ArrayLike<number>, batch: number, s: number, t: number, dim: number, ctxDim: number, heads: number,
  wq: ArrayLike<number>, wk: ArrayLike<number>, wv: ArrayLike<number>, options: { causal?: boolean; mask?: ArrayLike<number> } = {},
): Float64Array {
  const d = dim / heads;
  const out = new Float64Array(batch * s * dim);
  for (let b = 0; b < batch; b++) {
    const q = matmul(Array.prototype.slice.call(x, b * s * dim, (b + 1) * s * dim), wq, s, dim, dim);
    const c = Array.prototype.slice.call(ctx, b * t * ctxDim, (b + 1) * t * ctxDim);
    const k = matmul(c, wk, t, ctxDim, dim);
    const v = matmul(c, wv, t, ctxDim, dim);
    for (let h = 0; h < heads; h++) for (let i = 0; i < s; i++) {
      const scores = new Float64Array(t);
      for (let j = 0; j < t; j++) {
        let dot = 0;
        for (let e = 0; e < d; e++) dot += q[i * dim + h * d + e] * k[j * dim + h * d + e];
        scores[j] = dot / Math.sqrt(d) + (options.mask ? options.mask[i * t + j] : 0);
        if (options.causal && j > i) scores[j] = -Infinity;
      }
      const max = Math.max(...scores);
      const weights = scores.map((v2) => Math.exp(v2 - max));
      const total = weights.reduce((a2, b2) => a2 + b2, 0);
      for (let e = 0; e < d; e++) {
        let acc = 0;
        for (let j = 0; j < t; j++) acc += (weights[j] / total) * v[j * dim + h * d + e];
        out[(b * s + i) * dim + h * d + e] = acc;
      }
    }
  }
  return out;
}
