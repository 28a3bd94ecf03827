// Tricky graphs built node by node: torch-style shape subgraphs, Resize by scales and by sizes, Slice
// with negative and clamped bounds, Split, Einsum, contrib ops — each checked node by node against
// onnxruntime; and an unknown op, reported rather than guessed.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GraphBuilder, float, floats } from '../../../scripts/onnx/graph-builder.ts';
import type { Dim } from '../../../scripts/onnx/graph-builder.ts';
import { makeTempRoot } from '../models/test-folders.ts';
import { inferGraphShapes } from './infer-shapes.ts';
import { differences, profiledShapes } from './profiled-shapes.ts';

const { root, cleanup } = makeTempRoot('graph-shapes-');
afterAll(cleanup);
let count = 0;

function save(g: GraphBuilder, opset = 17): string {
  const path = join(root, `model-${count++}.onnx`);
  g.save(path, { opset });
  return path;
}

/** Infers the graph's shapes and expects every node to agree with onnxruntime's own. */
async function checked(g: GraphBuilder, inputs: Record<string, number[]>, opset = 17) {
  const path = save(g, opset);
  const shapes = await inferGraphShapes(path, inputs);
  expect(shapes.unknown).toEqual([]);
  expect(differences(shapes, await profiledShapes(path, inputs))).toEqual([]);
  return { shapes, dims: (name: string) => shapes.tensors.find((t) => t.name === name)?.dims };
}

function floatInput(g: GraphBuilder, name: string, dims: Dim[]): string {
  return g.input(name, 'float32', dims);
}

describe('shape subgraphs', () => {
  it('a torch-style dynamic Reshape: Shape → Gather → Unsqueeze → Concat (with Div) → Reshape', async () => {
    const g = new GraphBuilder();
    const x = floatInput(g, 'x', ['batch', 'tokens', 64]);
    const shape = g.node('Shape', [x]);
    const dim = (i: number) => g.node('Unsqueeze', [g.node('Gather', [shape, g.scalar(i, 'int64')], { axis: 0 }), g.int64s([0])]);
    const heads = g.node('Div', [g.node('Gather', [shape, g.scalar(2, 'int64')]), g.scalar(16, 'int64')]);
    const target = g.node('Concat', [dim(0), dim(1), g.node('Unsqueeze', [heads, g.int64s([0])]), g.int64s([-1])], { axis: 0 });
    const y = g.node('Reshape', [x, target], {}, { name: 'heads' });
    g.output(y, 'y', 'float32', null);
    const { dims } = await checked(g, { x: [3, 10, 64] });
    expect(dims('heads')).toEqual([3, 10, 4, 16]);
  });

  it("torch's expand: ConstantOfShape, Equal, Where over the target, then Expand; Range, ReduceProd, Flatten", async () => {
    const g = new GraphBuilder();
    const x = floatInput(g, 'x', ['a', 1, 'c']);
    const target = g.node('Concat', [g.node('Shape', [x], { start: 0, end: 1 }), g.int64s([-1, 5, -1])], { axis: 0 }); // [a, -1, 5, -1]
    const minusOnes = g.node('Sub', [g.node('Mul', [g.int64s([1, 1, 1, 1]), g.scalar(-1, 'int64')]), g.scalar(0, 'int64')]);
    const fixed = g.node('Where', [g.node('Equal', [target, minusOnes]), g.int64s([1, 1, 1, 1]), target]);
    const expanded = g.node('Expand', [g.node('Unsqueeze', [x, g.int64s([1])]), fixed], {}, { name: 'expanded' });
    const elements = g.node('ReduceProd', [g.node('Shape', [expanded])], { keepdims: 1 });
    const flat = g.node('Reshape', [expanded, elements], {}, { name: 'flat' });
    const steps = g.node('Range', [g.scalar(0, 'int64'), g.node('Squeeze', [elements, g.int64s([0])]), g.scalar(7, 'int64')], {}, { name: 'steps' });
    g.output(flat, 'flat_out', 'float32', null);
    g.output(steps, 'steps_out', 'int64', null);
    g.output(g.node('Flatten', [expanded], { axis: 2 }, { name: 'flattened' }), 'flattened_out', 'float32', null);
    g.output(g.node('Add', [g.node('ConstantOfShape', [g.node('Shape', [x])], {}), x], {}, { name: 'zeros' }), 'zeros_out', 'float32', null);
    const { dims } = await checked(g, { x: [2, 1, 3] });
    expect(dims('expanded')).toEqual([2, 1, 5, 3]);
    expect(dims('flat')).toEqual([30]);
    expect(dims('steps')).toEqual([5]);
    expect(dims('flattened')).toEqual([2, 15]);
    expect(dims('zeros')).toEqual([2, 1, 3]);
  });
});

describe('Resize', () => {
  it('by scales, and by sizes computed as torch computes them (Shape, Slice, Cast, Mul, Floor, Concat)', async () => {
    const g = new GraphBuilder();
    const x = floatInput(g, 'x', ['n', 'c', 'h', 'w']);
    const byScales = g.node('Resize', [x, '', g.constant(g.fresh('scales'), [1, 1, 2, 1.5], [4])], { mode: 'nearest' }, { name: 'by_scales' });
    const shape = g.node('Shape', [x]);
    const spatial = g.node('Slice', [shape, g.int64s([2]), g.int64s([4])]);
    const scaled = g.node('Cast', [g.node('Floor', [g.node('Mul', [g.node('Cast', [spatial], { to: 1 }), g.scalar(2.5)])])], { to: 7 });
    const sizes = g.node('Concat', [g.node('Slice', [shape, g.int64s([0]), g.int64s([2])]), scaled], { axis: 0 });
    const bySizes = g.node('Resize', [x, '', '', sizes], { mode: 'linear' }, { name: 'by_sizes' });
    g.output(byScales, 'a', 'float32', null);
    g.output(bySizes, 'b', 'float32', null);
    const { dims } = await checked(g, { x: [2, 3, 5, 7] });
    expect(dims('by_scales')).toEqual([2, 3, 10, 10]);
    expect(dims('by_sizes')).toEqual([2, 3, 12, 17]);
  });
});

describe('slicing and splitting', () => {
  it('Slice with negative starts and ends, a negative step, and int64-max ends clamped', async () => {
    const g = new GraphBuilder();
    const x = floatInput(g, 'x', [4, 'n', 6]);
    const max = g.constant(g.fresh('max'), new BigInt64Array([9223372036854775807n]), [1], 'int64');
    g.output(g.node('Slice', [x, g.int64s([-3]), g.int64s([-1]), g.int64s([1])], {}, { name: 'tail' }), 'tail_out', 'float32', null);
    g.output(g.node('Slice', [x, g.int64s([-1]), g.int64s([-1000]), g.int64s([2]), g.int64s([-2])], {}, { name: 'reversed' }), 'reversed_out', 'float32', null);
    g.output(g.node('Slice', [x, g.int64s([1]), max, g.int64s([-1])], {}, { name: 'clamped' }), 'clamped_out', 'float32', null);
    const { dims } = await checked(g, { x: [4, 10, 6] });
    expect(dims('tail')).toEqual([4, 2, 6]);
    expect(dims('reversed')).toEqual([4, 10, 3]);
    expect(dims('clamped')).toEqual([4, 10, 5]);
  });

  it('Split by sizes, into equal parts, and (opset 18) into num_outputs with a shorter last part', async () => {
    const g = new GraphBuilder();
    const x = floatInput(g, 'x', ['n', 7]);
    const [a, b] = g.nodeN('Split', [x, g.int64s([2, 5])], 2, { axis: 1 }, { name: 'sized' });
    const [c, d, e] = g.nodeN('Split', [x], 3, { axis: 1, num_outputs: 3 }, { name: 'counted' });
    const [f, h] = g.nodeN('Split', [g.node('Concat', [x, x], { axis: 0 })], 2, { axis: 0 }, { name: 'halves' });
    for (const [value, i] of [[a, 0], [b, 1], [c, 2], [d, 3], [e, 4], [f, 5], [h, 6]] as const) g.output(value, `out${i}`, 'float32', null);
    const { dims } = await checked(g, { x: [3, 7] }, 18);
    expect([a, b, c, d, e, f, h].map(dims)).toEqual([[3, 2], [3, 5], [3, 3], [3, 3], [3, 1], [3, 7], [3, 7]]);
  });
});

describe('Einsum', () => {
  it('explicit attention scores, and implicit output with an ellipsis', async () => {
    const g = new GraphBuilder();
    const q = floatInput(g, 'q', ['b', 'h', 's', 'd']);
    const k = floatInput(g, 'k', ['b', 'h', 't', 'd']);
    g.output(g.node('Einsum', [q, k], { equation: 'bhqd,bhkd->bhqk' }, { name: 'scores' }), 'scores_out', 'float32', null);
    g.output(g.node('Einsum', [q, g.node('Transpose', [k], { perm: [0, 1, 3, 2] })], { equation: '...ij, ...jk' }, { name: 'implicit' }), 'implicit_out', 'float32', null);
    const { dims } = await checked(g, { q: [2, 3, 5, 4], k: [2, 3, 7, 4] });
    expect(dims('scores')).toEqual([2, 3, 5, 7]);
    expect(dims('implicit')).toEqual([2, 3, 5, 7]);
  });
});

describe('network ops', () => {
  it('Conv with strides, pads, dilations, groups and auto_pad; ConvTranspose; pooling; Gemm; Pad; Tile; TopK; reductions', async () => {
    const g = new GraphBuilder();
    const x = floatInput(g, 'x', ['n', 4, 'h', 'w']);
    const w = g.constant('w', new Float32Array(6 * 2 * 3 * 3), [6, 2, 3, 3]);
    const out = (value: string) => g.output(value, `${value}_out`, 'float32', null);
    out(g.node('Conv', [x, w], { strides: [2, 1], pads: [1, 0, 2, 1], dilations: [1, 2], group: 2 }, { name: 'conv' }));
    out(g.node('Conv', [x, w], { strides: [2, 2], auto_pad: 'SAME_UPPER', group: 2 }, { name: 'conv_same' }));
    const wt = g.constant('wt', new Float32Array(4 * 3 * 4 * 4), [4, 3, 4, 4]);
    out(g.node('ConvTranspose', [x, wt], { strides: [2, 2], pads: [1, 1, 1, 1] }, { name: 'deconv' }));
    out(g.node('MaxPool', [x], { kernel_shape: [3, 3], strides: [2, 2], ceil_mode: 1 }, { name: 'pooled' }));
    out(g.node('GlobalAveragePool', [x], {}, { name: 'gap' }));
    const flat = g.node('Flatten', [x], { axis: 1 });
    out(g.node('Gemm', [flat, g.constant('gw', new Float32Array(5 * 4 * 6 * 5), [5, 4 * 6 * 5])], { transB: 1, alpha: float(1) }, { name: 'gemm' }));
    out(g.node('Pad', [x, g.int64s([0, 0, 1, 2, 0, 0, 3, 4])], { mode: 'constant' }, { name: 'padded' }));
    out(g.node('Tile', [x, g.int64s([1, 2, 1, 3])], {}, { name: 'tiled' }));
    const [values, indices] = g.nodeN('TopK', [x, g.int64s([2])], 2, { axis: 2 }, { name: 'top' });
    out(values);
    g.output(indices, 'indices_out', 'int64', null);
    out(g.node('ReduceMean', [x, g.int64s([1, -1])], { keepdims: 0 }, { name: 'mean' }));
    out(g.node('ReduceSum', [x, g.int64s([])], { keepdims: 1, noop_with_empty_axes: 1 }, { name: 'noop' }));
    out(g.node('Resize', [x, '', g.constant('s', [1, 1, 0.5, 0.5], [4]), ''], { mode: 'linear' }, { name: 'half' }));
    out(g.node('CumSum', [x, g.scalar(1, 'int64')], {}, { name: 'cumsum' }));
    out(g.node('GatherElements', [x, g.node('Cast', [g.node('ArgMax', [x], { axis: 1 })], { to: 7 })], { axis: 1 }, { name: 'picked' }));
    const { dims } = await checked(g, { x: [2, 4, 5, 6] }, 18); // Reduce* take axes as an input from opset 18
    expect(dims('conv')).toEqual([2, 6, 3, 3]);
    expect(dims('conv_same')).toEqual([2, 6, 3, 3]);
    expect(dims('deconv')).toEqual([2, 3, 10, 12]);
    expect(dims('pooled')).toEqual([2, 4, 2, 3]); // ceil mode rounds the width's 2.5 windows up
  });

  it('Upsample (opset 9) by a scales input', async () => {
    const g = new GraphBuilder();
    const x = floatInput(g, 'x', ['n', 4, 'h', 'w']);
    g.output(g.node('Upsample', [x, g.constant('us', [1, 1, 2, 3], [4])], { mode: 'nearest' }, { name: 'upsampled' }), 'y', 'float32', null);
    const { dims } = await checked(g, { x: [2, 4, 5, 6] }, 9);
    expect(dims('upsampled')).toEqual([2, 4, 10, 18]);
  });

  it("onnxruntime's contrib ops: MultiHeadAttention (unpacked q, k, v), SkipLayerNormalization, FastGelu, BiasGelu", async () => {
    const g = new GraphBuilder();
    const ms = { domain: 'com.microsoft' };
    const q = floatInput(g, 'q', ['b', 's', 8]);
    const kv = floatInput(g, 'kv', ['b', 't', 8]);
    const attended = g.node('MultiHeadAttention', [q, kv, kv], { num_heads: 2 }, { ...ms, name: 'mha' });
    const gamma = g.constant('gamma', new Float32Array(8).fill(1), [8]);
    const beta = g.constant('beta', new Float32Array(8), [8]);
    const normed = g.node('SkipLayerNormalization', [attended, q, gamma, beta], { epsilon: float(1e-5) }, { ...ms, name: 'skip_ln' });
    const fast = g.node('FastGelu', [normed, beta], {}, { ...ms, name: 'fast_gelu' });
    g.output(g.node('BiasGelu', [fast, beta], {}, { ...ms, name: 'bias_gelu' }), 'y', 'float32', null);
    const { dims } = await checked(g, { q: [2, 5, 8], kv: [2, 9, 8] });
    expect(dims('mha')).toEqual([2, 5, 8]);
  });
});

describe('what cannot be determined', () => {
  it('an unknown op is reported, with every value that depends on it; the rest is still inferred', async () => {
    const g = new GraphBuilder();
    const x = floatInput(g, 'x', ['n', 3]);
    const before = g.node('Relu', [x], {}, { name: 'before' });
    const mystery = g.node('Mystery', [before], { strength: floats([0.5]) }, { domain: 'com.example', name: 'mystery' });
    const after = g.node('Add', [mystery, before], {}, { name: 'after' });
    const elsewhere = g.node('Sigmoid', [before], {}, { name: 'elsewhere' });
    g.output(after, 'after_out', 'float32', null);
    g.output(elsewhere, 'elsewhere_out', 'float32', null);
    const shapes = await inferGraphShapes(save(g), { x: [4, 3] });
    expect(shapes.tensors.map((t) => t.name)).toEqual(['before', 'elsewhere', 'elsewhere_out']);
    expect(shapes.unknown).toEqual([
      { node: 'Mystery_1', op: 'Mystery', reason: 'no shape rule for com.example.Mystery' },
      { node: 'Add_2', op: 'Add', reason: expect.stringContaining('input "mystery" is unknown') },
      { node: 'Identity_4', op: 'Identity', reason: expect.stringContaining('input "after" is unknown') },
    ]);
  });

  it('a Reshape whose target is not a computable constant is reported, not guessed', async () => {
    const g = new GraphBuilder();
    const x = floatInput(g, 'x', ['n', 6]);
    const target = g.input('target', 'int64', [2]);
    g.output(g.node('Reshape', [x, target], {}, { name: 'reshaped' }), 'y', 'float32', null);
    const shapes = await inferGraphShapes(save(g), { x: [2, 6], target: [2] });
    expect(shapes.unknown[0]).toEqual({ node: 'Reshape_0', op: 'Reshape', reason: 'target shape (input 1, "target") is not a known constant' });
  });

  it('refuses input dims that contradict the declared ones, and names it has not got', async () => {
    const g = new GraphBuilder();
    g.output(g.node('Relu', [floatInput(g, 'x', ['n', 3])]), 'y', 'float32', null);
    const path = save(g);
    await expect(inferGraphShapes(path, { x: [2, 4] })).rejects.toThrow('do not fit x (float32 [n, 3])');
    await expect(inferGraphShapes(path, { x: [2, 3], z: [1] })).rejects.toThrow('the graph has no input z');
  });
});
