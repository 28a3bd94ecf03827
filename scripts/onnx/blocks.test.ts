import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { Random } from '../fixtures/random.ts';
import { attention, conv2d, gelu, groupNorm, layerNorm, linear, quickGelu, silu, upsampleNearest } from './blocks.ts';
import { GraphBuilder } from './graph-builder.ts';
import * as ref from './reference-math.ts';

/** Builds a one-input graph with `body`, runs it on x and returns the flat float32 output. */
async function runUnary(dims: number[], x: Float32Array, body: (g: GraphBuilder, x: string) => string): Promise<{ data: Float32Array; dims: readonly number[] }> {
  const g = new GraphBuilder();
  const input = g.input('x', 'float32', dims.map((d, i) => (i === 0 ? 'batch' : d)));
  g.output(body(g, input), 'y', 'float32', null);
  const session = await ort.InferenceSession.create(g.toBytes());
  const { y } = await session.run({ x: new ort.Tensor('float32', x, dims) });
  return { data: y.data as Float32Array, dims: y.dims };
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, digits = 4): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i], digits);
}

describe('blocks', () => {
  const rng = new Random(7);

  it('linear with and without bias', async () => {
    const x = rng.normals(2 * 3 * 4);
    const weight = rng.normals(4 * 5);
    const bias = rng.normals(5);
    const plain = await runUnary([2, 3, 4], x, (g, v) => linear(g, v, { name: 'fc', inFeatures: 4, outFeatures: 5, weight }));
    expect(plain.dims).toEqual([2, 3, 5]);
    expectClose(plain.data, ref.matmul(x, weight, 6, 4, 5));
    const biased = await runUnary([2, 3, 4], x, (g, v) => linear(g, v, { name: 'fc', inFeatures: 4, outFeatures: 5, weight, bias }));
    expectClose(biased.data, Array.from(ref.matmul(x, weight, 6, 4, 5), (v, i) => v + bias[i % 5]));
  });

  it('layerNorm and groupNorm', async () => {
    const x = rng.normals(2 * 3 * 8, 2, 1);
    const scale = rng.normals(8, 0.5, 1);
    const bias = rng.normals(8);
    const ln = await runUnary([2, 3, 8], x, (g, v) => layerNorm(g, v, { name: 'ln', size: 8, scale, bias }));
    expectClose(ln.data, ref.layerNormRows(x, 6, 8, scale, bias, 1e-5));
    const img = rng.normals(2 * 8 * 3 * 3, 2, 1);
    const gn = await runUnary([2, 8, 3, 3], img, (g, v) => groupNorm(g, v, { name: 'gn', size: 8, groups: 4, scale, bias, epsilon: 1e-6 }));
    expect(gn.dims).toEqual([2, 8, 3, 3]);
    expectClose(gn.data, ref.groupNorm(img, 2, 8, 9, 4, scale, bias, 1e-6));
  });

  it('silu, gelu and quickGelu', async () => {
    const x = Float32Array.from([-3, -1, -0.25, 0, 0.5, 2]);
    const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
    expectClose((await runUnary([6], x, silu)).data, Array.from(x, (v) => v * sigmoid(v)));
    expectClose((await runUnary([6], x, quickGelu)).data, Array.from(x, (v) => v * sigmoid(1.702 * v)));
    // Φ(x) at these points, from tables of the normal distribution.
    const phi = [0.0013499, 0.1586553, 0.4012937, 0.5, 0.6914625, 0.9772499];
    expectClose((await runUnary([6], x, gelu)).data, Array.from(x, (v, i) => v * phi[i]), 5);
  });

  it('conv2d (stride 1 and 2) and nearest upsampling', async () => {
    const x = rng.normals(1 * 3 * 5 * 5);
    const weight = rng.normals(4 * 3 * 3 * 3, 0.3);
    const bias = rng.normals(4);
    const same = await runUnary([1, 3, 5, 5], x, (g, v) => conv2d(g, v, { name: 'c', inChannels: 3, outChannels: 4, kernel: 3, weight, bias }));
    expect(same.dims).toEqual([1, 4, 5, 5]);
    expectClose(same.data, ref.conv2d(x, 1, 3, 5, 5, weight, bias, 4, 3, 1, 1).data);
    const down = await runUnary([1, 3, 5, 5], x, (g, v) => conv2d(g, v, { name: 'c', inChannels: 3, outChannels: 4, kernel: 3, stride: 2, weight }));
    expect(down.dims).toEqual([1, 4, 3, 3]);
    expectClose(down.data, ref.conv2d(x, 1, 3, 5, 5, weight, null, 4, 3, 2, 1).data);
    const up = await runUnary([1, 1, 2, 2], Float32Array.from([1, 2, 3, 4]), (g, v) => upsampleNearest(g, v, 2));
    expect(Array.from(up.data)).toEqual([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
  });

  it('causal multi-head self-attention', async () => {
    const [batch, s, dim, heads] = [2, 5, 8, 2];
    const x = rng.normals(batch * s * dim);
    const [wq, wk, wv] = [rng.normals(dim * dim, 0.5), rng.normals(dim * dim, 0.5), rng.normals(dim * dim, 0.5)];
    const out = await runUnary([batch, s, dim], x, (g, v) => attention(g, v, null, { name: 'attn', dim, heads, q: { weight: wq }, k: { weight: wk }, v: { weight: wv }, causal: true }));
    expect(out.dims).toEqual([batch, s, dim]);
    expectClose(out.data, ref.attention(x, x, batch, s, s, dim, dim, heads, wq, wk, wv, { causal: true }));
  });

  it('cross-attention over a context of any length, with an additive mask and an output projection', async () => {
    const [batch, s, dim, ctxDim, heads] = [1, 3, 8, 6, 2];
    const [wq, wk, wv, wo] = [rng.normals(dim * dim, 0.5), rng.normals(ctxDim * dim, 0.5), rng.normals(ctxDim * dim, 0.5), rng.normals(dim * dim, 0.5)];
    const g = new GraphBuilder();
    const x = g.input('x', 'float32', ['batch', 'sequence', dim]);
    const ctx = g.input('context', 'float32', ['batch', 'context_sequence', ctxDim]);
    const mask = g.input('mask', 'float32', ['sequence', 'context_sequence']);
    const y = attention(g, x, ctx, { name: 'attn2', dim, contextDim: ctxDim, heads, q: { weight: wq }, k: { weight: wk }, v: { weight: wv }, out: { weight: wo }, mask });
    g.output(y, 'y', 'float32', ['batch', 'sequence', dim]);
    const session = await ort.InferenceSession.create(g.toBytes());
    const xs = rng.normals(batch * s * dim);
    for (const t of [4, 81]) {
      const context = rng.normals(batch * t * ctxDim);
      const maskValues = Float32Array.from({ length: s * t }, (_, i) => (i % t === 1 ? -Infinity : 0));
      const result = await session.run({
        x: new ort.Tensor('float32', xs, [batch, s, dim]),
        context: new ort.Tensor('float32', context, [batch, t, ctxDim]),
        mask: new ort.Tensor('float32', maskValues, [s, t]),
      });
      const heads_ = ref.attention(xs, context, batch, s, t, dim, ctxDim, heads, wq, wk, wv, { mask: maskValues });
      expectClose(result.y.data as Float32Array, ref.matmul(heads_, wo, batch * s, dim, dim));
    }
  });
});
