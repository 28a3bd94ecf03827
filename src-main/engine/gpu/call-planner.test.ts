// The planner's arithmetic on stated shapes (the real graphs' shapes are tested in ../graph and on lavapipe).
import { Tensor } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import type { GraphShapes, TensorSize } from '../graph/index.ts';
import { isSoftwareAdapter } from './adapter.ts';
import { CallPlanner } from './call-planner.ts';
import { concatOutputs, sliceFeeds } from './split-batch.ts';

const MB = 1e6;

/** A graph with a per-item tensor of `perItem` bytes and a fixed one of `fixed` bytes. */
function shapesOf(perItem: number, fixed = 0, op = 'MatMul') {
  const calls: number[] = [];
  const shapes = async (inputs: Record<string, number[]>): Promise<GraphShapes> => {
    const items = inputs.sample[0];
    calls.push(items);
    const scores: TensorSize = { name: 'scores', node: 'attn', op, dims: [items, 8, 64, 64], elemType: 'float32', bytes: items * perItem };
    const weight: TensorSize = { name: 'w', node: 'w', op: 'weight', dims: [fixed / 4], elemType: 'float32', bytes: fixed };
    const tensors = [scores, weight];
    return { tensors, largest: tensors.reduce((a, b) => (b.bytes > a.bytes ? b : a)), unknown: [] };
  };
  return { shapes, calls };
}

const dimsAt = (items: number) => ({ sample: [items, 4, 8, 8], timestep: [] });

describe('CallPlanner', () => {
  it('cuts a batch into the most items per run that keep every tensor within the limit', async () => {
    const { shapes } = shapesOf(82 * MB);
    const checked: GraphShapes[] = [];
    const planner = new CallPlanner('unet', 'unused', 134 * MB, { split: true, check: async (s) => void checked.push(s), shapes });
    const plan = await planner.plan(dimsAt, 8);
    expect(plan).toMatchObject({ itemsPerCall: 1, onCpu: false, reason: null });
    expect(plan.largest?.bytes).toBe(82 * MB);
    expect(checked).toHaveLength(1);
    expect((await new CallPlanner('unet', 'unused', 2000 * MB, { split: true, check: async () => {}, shapes }).plan(dimsAt, 8)).itemsPerCall).toBe(8);
    expect((await new CallPlanner('unet', 'unused', 500 * MB, { split: true, check: async () => {}, shapes }).plan(dimsAt, 8)).itemsPerCall).toBe(6);
  });

  it('moves a component to the CPU when one item, or a weight, does not fit, and says which tensor', async () => {
    const tooBig = await new CallPlanner('unet', 'unused', 100 * MB, { split: true, check: async () => {}, shapes: shapesOf(150 * MB).shapes }).plan(dimsAt, 2);
    expect(tooBig.onCpu).toBe(true);
    expect(tooBig.reason).toBe("unet runs on the CPU: one item needs a 150 MB tensor (MatMul attn, [1, 8, 64, 64]), over the adapter's 100 MB limit");
    const weight = await new CallPlanner('text_encoder', 'unused', 100 * MB, { split: true, check: async () => {}, shapes: shapesOf(MB, 152 * MB).shapes }).plan(dimsAt, 1);
    expect(weight.reason).toMatch(/^text_encoder runs on the CPU: one item needs a 152 MB tensor \(weight w/);
  });

  it('plans once per input shape, and without the cut (tests only) keeps the whole batch', async () => {
    const { shapes, calls } = shapesOf(82 * MB);
    const planner = new CallPlanner('unet', 'unused', 134 * MB, { split: true, check: async () => {}, shapes });
    await planner.plan(dimsAt, 4);
    const before = calls.length;
    await planner.plan(dimsAt, 4);
    expect(calls.length).toBe(before);
    const uncut = await new CallPlanner('unet', 'unused', 134 * MB, { split: false, check: async () => {}, shapes }).plan(dimsAt, 4);
    expect(uncut).toMatchObject({ itemsPerCall: 4, onCpu: false });
    expect(uncut.largest?.bytes).toBe(4 * 82 * MB);
  });
});

describe('split batches', () => {
  it('slices the batched feeds, shares the rest, and joins the outputs back in order', () => {
    const sample = new Tensor('float32', Float32Array.from({ length: 12 }, (_, i) => i), [3, 2, 2]);
    const t = new Tensor('int64', BigInt64Array.from([7n]), [1]);
    const parts = [0, 2].map((start) => sliceFeeds({ sample, t }, new Set(['sample']), start, start === 0 ? 2 : 1));
    expect(parts.map((p) => p.sample.dims)).toEqual([[2, 2, 2], [1, 2, 2]]);
    expect(parts[1].t).toBe(t);
    const joined = concatOutputs(parts, ['sample']).sample;
    expect(joined.dims).toEqual([3, 2, 2]);
    expect(Array.from(joined.data as Float32Array)).toEqual(Array.from(sample.data as Float32Array));
  });
});

describe('isSoftwareAdapter', () => {
  it('knows CPU implementations of WebGPU by flag or by name, and takes real GPUs for hardware', () => {
    expect(isSoftwareAdapter({ architecture: 'software', device: 'llvmpipe', description: 'llvmpipe: Mesa 25.0.7' })).toBe(true);
    expect(isSoftwareAdapter({ architecture: '', device: 'SwiftShader Device (Subzero)', description: '' })).toBe(true);
    expect(isSoftwareAdapter({ architecture: '', device: '', description: 'Microsoft Basic Render Driver' })).toBe(true);
    expect(isSoftwareAdapter({ architecture: 'hopper', device: 'NVIDIA H200', description: 'NVIDIA: 580.159.04', isFallbackAdapter: true })).toBe(true);
    expect(isSoftwareAdapter({ architecture: 'hopper', device: 'NVIDIA H200', description: 'NVIDIA: 580.159.04', isFallbackAdapter: false })).toBe(false);
    expect(isSoftwareAdapter({ architecture: 'rdna-3', device: 'AMD Radeon RX 7900 XTX', description: 'radv Mesa 24.2' })).toBe(false);
  });
});
