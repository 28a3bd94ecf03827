// Common network blocks on top of GraphBuilder. Weights are passed in explicitly (row-major values, or
// random fills), so tests can recompute a block by hand; initializers are named `${name}.weight` /
// `${name}.bias` like a PyTorch state dict. Activations are in the graph's float type (g.floatType).
import { float } from './graph-builder.ts';
import type { GraphBuilder, TensorSource } from './graph-builder.ts';

/** float32's most negative value: what CLIP adds to masked attention scores. */
export const MASK_VALUE = -3.4028234663852886e38;
/** float16's most negative finite value, what a float16 export of CLIP adds instead (torch.finfo(float16).min). */
export const MASK_VALUE_HALF = -65504;

export interface LinearSpec {
  name: string;
  inFeatures: number;
  outFeatures: number;
  /** [inFeatures, outFeatures] row-major: y = x·W (+ b). */
  weight: TensorSource;
  bias?: TensorSource;
}

/** y = x·W + b over the last axis of x, any leading axes. */
export function linear(g: GraphBuilder, x: string, spec: LinearSpec): string {
  const w = g.constant(`${spec.name}.weight`, spec.weight, [spec.inFeatures, spec.outFeatures]);
  const y = g.node('MatMul', [x, w], {}, { name: g.fresh(`${spec.name}/matmul`) });
  if (!spec.bias) return y;
  const b = g.constant(`${spec.name}.bias`, spec.bias, [spec.outFeatures]);
  return g.node('Add', [y, b], {}, { name: g.fresh(`${spec.name}/out`) });
}

export interface NormSpec {
  name: string;
  /** Size of the normalised (LayerNorm: last) or channel (GroupNorm: second) axis. */
  size: number;
  scale: TensorSource;
  bias: TensorSource;
  epsilon?: number;
}

export function layerNorm(g: GraphBuilder, x: string, spec: NormSpec): string {
  const scale = g.constant(`${spec.name}.weight`, spec.scale, [spec.size]);
  const bias = g.constant(`${spec.name}.bias`, spec.bias, [spec.size]);
  return g.node('LayerNormalization', [x, scale, bias], { axis: -1, epsilon: float(spec.epsilon ?? 1e-5) }, { name: g.fresh(`${spec.name}/out`) });
}

/**
 * GroupNorm over NCHW input, written as exporters do it (GroupNormalization's scale semantics changed
 * between opsets): instance-normalise the [N, groups, rest] view, then a per-channel affine map.
 */
export function groupNorm(g: GraphBuilder, x: string, spec: NormSpec & { groups: number }): string {
  const { name, groups } = spec;
  const grouped = g.node('Reshape', [x, g.int64s([0, groups, -1])]);
  const ones = g.constant(`${name}/ones`, new Float32Array(groups).fill(1), [groups]);
  const zeros = g.constant(`${name}/zeros`, new Float32Array(groups), [groups]);
  const normed = g.node('InstanceNormalization', [grouped, ones, zeros], { epsilon: float(spec.epsilon ?? 1e-5) });
  const restored = g.node('Reshape', [normed, g.node('Shape', [x])]);
  const scale = g.constant(`${name}.weight`, spec.scale, [spec.size, 1, 1]);
  const bias = g.constant(`${name}.bias`, spec.bias, [spec.size, 1, 1]);
  return g.node('Add', [g.node('Mul', [restored, scale]), bias], {}, { name: g.fresh(`${name}/out`) });
}

/** x·sigmoid(x) */
export function silu(g: GraphBuilder, x: string): string {
  return g.node('Mul', [x, g.node('Sigmoid', [x])]);
}

/** Exact GELU: x·Φ(x) = 0.5·x·(1 + erf(x/√2)). */
export function gelu(g: GraphBuilder, x: string): string {
  const erf = g.node('Erf', [g.node('Div', [x, g.scalar(Math.SQRT2)])]);
  const onePlus = g.node('Add', [erf, g.scalar(1)]);
  return g.node('Mul', [g.node('Mul', [x, onePlus]), g.scalar(0.5)]);
}

/** CLIP's activation: x·sigmoid(1.702·x). */
export function quickGelu(g: GraphBuilder, x: string): string {
  return g.node('Mul', [x, g.node('Sigmoid', [g.node('Mul', [x, g.scalar(1.702)])])]);
}

export interface ConvSpec {
  name: string;
  inChannels: number;
  outChannels: number;
  kernel: number;
  stride?: number;
  /** Default: (kernel − 1) / 2, which keeps the size at stride 1. */
  padding?: number;
  /** [outChannels, inChannels, kernel, kernel] row-major. */
  weight: TensorSource;
  bias?: TensorSource;
}

export function conv2d(g: GraphBuilder, x: string, spec: ConvSpec): string {
  const { name, kernel } = spec;
  const pad = spec.padding ?? (kernel - 1) / 2;
  const inputs = [x, g.constant(`${name}.weight`, spec.weight, [spec.outChannels, spec.inChannels, kernel, kernel])];
  if (spec.bias) inputs.push(g.constant(`${name}.bias`, spec.bias, [spec.outChannels]));
  const attrs = { kernel_shape: [kernel, kernel], pads: [pad, pad, pad, pad], strides: [spec.stride ?? 1, spec.stride ?? 1] };
  return g.node('Conv', inputs, attrs, { name: g.fresh(`${name}/out`) });
}

/** Nearest-neighbour upsampling of NCHW input by an integer factor (Resize's scales are float32 in any precision). */
export function upsampleNearest(g: GraphBuilder, x: string, factor: number): string {
  const scales = g.constant(g.fresh('scales'), [1, 1, factor, factor], [4], 'float32');
  return g.node('Resize', [x, '', scales], { mode: 'nearest' });
}

export interface AttentionSpec {
  name: string;
  /** Width of the queries' input x [batch, sequence, dim]; also the attention width. */
  dim: number;
  /** Width of the context [batch, context_sequence, contextDim]; default dim (self-attention). */
  contextDim?: number;
  heads: number;
  /** [in, dim] row-major projections; bias-free when their bias is absent, as SD's to_q/to_k/to_v. */
  q: Omit<LinearSpec, 'name' | 'inFeatures' | 'outFeatures'>;
  k: Omit<LinearSpec, 'name' | 'inFeatures' | 'outFeatures'>;
  v: Omit<LinearSpec, 'name' | 'inFeatures' | 'outFeatures'>;
  /** Output projection [dim, dim]; leave it out to get the heads' concatenation. */
  out?: Omit<LinearSpec, 'name' | 'inFeatures' | 'outFeatures'>;
  /** Each query attends to itself and earlier positions only (self-attention). */
  causal?: boolean;
  /** A value added to the scores, broadcastable to [batch, heads, sequence, context_sequence]. */
  mask?: string;
  /** Initializer names of the projections (default to_q, to_k, to_v, to_out; CLIP: q_proj … out_proj; diffusers: to_out.0) */
  names?: { q: string; k: string; v: string; out: string };
}

const DIFFUSERS_NAMES = { q: 'to_q', k: 'to_k', v: 'to_v', out: 'to_out' };

/** Multi-head softmax attention of x over `context` (x itself when null), scaled by 1/√(head width). */
export function attention(g: GraphBuilder, x: string, context: string | null, spec: AttentionSpec): string {
  const { name, dim, heads } = spec;
  if (dim % heads !== 0) throw new Error(`${name}: dim ${dim} is not a multiple of ${heads} heads`);
  const headDim = dim / heads;
  const ctx = context ?? x;
  const ctxDim = spec.contextDim ?? dim;
  const names = spec.names ?? DIFFUSERS_NAMES;
  const project = (input: string, inFeatures: number, suffix: string, w: AttentionSpec['q']) =>
    linear(g, input, { name: `${name}.${suffix}`, inFeatures, outFeatures: dim, ...w });
  const splitHeads = (t: string, perm: number[]) => g.node('Transpose', [g.node('Reshape', [t, g.int64s([0, 0, heads, headDim])])], { perm });

  const q = splitHeads(project(x, dim, names.q, spec.q), [0, 2, 1, 3]); // [B, H, S, d]
  const kT = splitHeads(project(ctx, ctxDim, names.k, spec.k), [0, 2, 3, 1]); // [B, H, d, T]
  const v = splitHeads(project(ctx, ctxDim, names.v, spec.v), [0, 2, 1, 3]); // [B, H, T, d]
  let scores = g.node('Mul', [g.node('MatMul', [q, kT]), g.scalar(1 / Math.sqrt(headDim))]);
  if (spec.causal) scores = g.node('Add', [scores, causalMask(g, x)]);
  if (spec.mask) scores = g.node('Add', [scores, spec.mask]);
  const probs = g.node('Softmax', [scores], { axis: -1 });
  const merged = g.node('Reshape', [g.node('Transpose', [g.node('MatMul', [probs, v])], { perm: [0, 2, 1, 3] }), g.int64s([0, 0, dim])]);
  return spec.out ? linear(g, merged, { name: `${name}.${names.out}`, inFeatures: dim, outFeatures: dim, ...spec.out }) : merged;
}

/** [S, S] additive mask for x [B, S, D]: MASK_VALUE above the diagonal, 0 elsewhere. */
function causalMask(g: GraphBuilder, x: string): string {
  const length = g.node('Shape', [x], { start: 1, end: 2 });
  const full = g.node('Expand', [g.scalar(g.floatType === 'float16' ? MASK_VALUE_HALF : MASK_VALUE), g.node('Concat', [length, length], { axis: 0 })]);
  return g.node('Trilu', [full, g.scalar(1, 'int64')], { upper: 1 });
}
