// onnxruntime's com.microsoft contrib ops that fused Stable Diffusion and CLIP exports use (optimum,
// onnxruntime's transformers optimizer): attention, fused normalisations and activations.
import type { NodeView, ShapeRule } from './node-view.ts';
import type { Tensor } from './onnx-graph.ts';
import { sameAsInput, statistics } from './rules-nn.ts';
import { tensor, Undetermined } from './tensor-math.ts';

/** Heads' key/value cache: [batch, heads, past + new, head size]. */
function present(past: Tensor | undefined, batch: number, heads: number, length: number, headSize: number, elemType: string): Tensor {
  return tensor([batch, heads, (past?.dims[2] ?? 0) + length, headSize], elemType);
}

function heads(n: NodeView): number {
  const count = n.int('num_heads', 0);
  if (count <= 0) throw new Undetermined('no num_heads');
  return count;
}

/**
 * MultiHeadAttention: query [B, S, D] with key [B, L, D] and value [B, L, Dv]; or key/value already
 * split into heads [B, N, L, H]; or packed KV [B, L, N, 2, H] as key; or packed QKV [B, S, N, 3, H]
 * as query. Output [B, S, N·Hv], and present key/value [B, N, past + L, H].
 */
const multiHeadAttention: ShapeRule = (n) => {
  const q = n.input(0);
  const [key, value] = [n.optional(1), n.optional(2)];
  const count = heads(n);
  const [batch, sequence] = q.dims;
  let kv: { length: number; headSize: number; valueHeadSize: number };
  if (q.dims.length === 5) kv = { length: sequence, headSize: q.dims[4], valueHeadSize: q.dims[4] };
  else if (key?.dims.length === 5) kv = { length: key.dims[1], headSize: key.dims[4], valueHeadSize: key.dims[4] };
  else if (key && value?.dims.length === 4) kv = { length: key.dims[2], headSize: key.dims[3], valueHeadSize: value.dims[3] };
  else if (key && value) kv = { length: key.dims[1], headSize: key.dims[2] / count, valueHeadSize: value.dims[2] / count };
  else throw new Undetermined('query, key and value in a layout not known');
  const out = tensor([batch, sequence, count * kv.valueHeadSize], q.elemType);
  return [
    out,
    present(n.optional(6), batch, count, kv.length, kv.headSize, q.elemType),
    present(n.optional(7), batch, count, kv.length, kv.valueHeadSize, q.elemType),
  ];
};

/** Attention: input [B, S, in] projected by weights [in, Q + K + V] (sizes from qkv_hidden_sizes, else thirds). */
const attention: ShapeRule = (n) => {
  const [x, weights] = [n.input(0), n.input(1)];
  const count = heads(n);
  const total = weights.dims[1];
  const [, k, v] = n.ints('qkv_hidden_sizes') ?? [total / 3, total / 3, total / 3];
  const [batch, sequence] = x.dims;
  const past = n.optional(4);
  const presentKv = tensor([2, batch, count, (past?.dims[3] ?? 0) + sequence, k / count], x.elemType);
  return [tensor([batch, sequence, v], x.elemType), presentKv];
};

/** SkipLayerNormalization: output, mean, inverse std (per row), and input + skip + bias. */
const skipLayerNorm: ShapeRule = (n) => {
  const [out] = sameAsInput(n);
  const stats = statistics(n.input(0), -1, 'float32');
  return [out, stats, stats, tensor([...out.dims], out.elemType)];
};

/** BiasSplitGelu: [N, S, D] + bias [D] → [N, S, D/2] (the first half gated by GELU of the second). */
const biasSplitGelu: ShapeRule = (n) => {
  const x = n.input(0);
  return [tensor([...x.dims.slice(0, -1), x.dims[x.dims.length - 1] / 2], x.elemType)];
};

/** SkipGroupNorm: Y, and the sum of input, skip and bias. */
const skipGroupNorm: ShapeRule = (n) => [...sameAsInput(n), ...sameAsInput(n)];

export const CONTRIB_RULES: Record<string, ShapeRule> = {
  MultiHeadAttention: multiHeadAttention,
  Attention: attention,
  SkipLayerNormalization: skipLayerNorm,
  SkipSimplifiedLayerNormalization: skipLayerNorm,
  BiasSplitGelu: biasSplitGelu,
  BiasGelu: sameAsInput,
  FastGelu: sameAsInput,
  Gelu: sameAsInput,
  QuickGelu: sameAsInput,
  BiasAdd: sameAsInput,
  GroupNorm: sameAsInput,
  SkipGroupNorm: skipGroupNorm,
};
