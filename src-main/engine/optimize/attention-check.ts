// Whether a provider's fused MultiHeadAttention kernel can be trusted on this adapter: one real-size attention block,
// fused and unfused, both on the provider in float32, compared. WebGPU's flash-attention path was measured off by
// 1.5e-3 to 0.11 on lavapipe where the unfused graph is off by 2e-6 (issue 14); a kernel that misses by more than
// 1e-3 is not used and the model keeps its unfused attention.
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { encodeModel, type AttributeMessage, type NodeMessage, type TensorMessage } from '../onnx/onnx-proto.ts';
import { ONNX_DATA_TYPE, toRawBytes } from '../onnx/tensor-data.ts';
import { maxAbsDifference, spread } from '../gpu/self-check.ts';
import { MS_DOMAIN } from './fuse-attention.ts';

export const FUSED_ATTENTION_TOLERANCE = 1e-3;

export interface AttentionBlock {
  heads: number;
  headDim: number;
  tokens: number;
}

export interface FusedAttentionCheck {
  ok: boolean;
  maxError: number;
  block: AttentionBlock;
}

/** SD 1.5's largest self-attention (64×64 latents: 4,096 tokens, 8 heads of 40), its tokens cut so the unfused scores stay within `limitBytes` / 2. */
export function probeBlock(limitBytes: number): AttentionBlock {
  const heads = 8;
  const fit = Math.floor(Math.sqrt(limitBytes / 2 / (heads * 4)) / 64) * 64;
  return { heads, headDim: 40, tokens: Math.max(64, Math.min(4096, fit)) };
}

const INT = 2;
const FLOAT_ATTR = 1;
const INTS = 7;

function graph(block: AttentionBlock, fused: boolean): Uint8Array {
  const { heads, headDim, tokens } = block;
  const width = heads * headDim;
  const value = (name: string) => ({ name, type: { tensorType: { elemType: ONNX_DATA_TYPE.float32, shape: { dim: [1, tokens, width].map((dimValue) => ({ dimValue })) } } } });
  const nodes: NodeMessage[] = [];
  const node = (opType: string, input: string[], output: string, attribute: AttributeMessage[] = [], domain?: string) => {
    nodes.push({ name: output, opType, input, output: [output], attribute, ...(domain ? { domain } : {}) });
    return output;
  };
  const initializers: TensorMessage[] = [];
  const constant = (name: string, values: number[], type: 'int64' | 'float32') => {
    initializers.push({ name, dims: type === 'int64' ? [values.length] : [], dataType: ONNX_DATA_TYPE[type], rawData: toRawBytes(values, type) });
    return name;
  };
  const scale = 1 / Math.sqrt(headDim);
  if (fused) {
    node('MultiHeadAttention', ['q', 'k', 'v'], 'out', [{ name: 'num_heads', type: INT, i: heads }, { name: 'scale', type: FLOAT_ATTR, f: scale }], MS_DOMAIN);
  } else {
    const split = constant('split', [0, 0, heads, headDim], 'int64');
    const heads4 = (x: string, perm: number[]) => node('Transpose', [node('Reshape', [x, split], `${x}_4d`)], `${x}_heads`, [{ name: 'perm', type: INTS, ints: perm }]);
    const scores = node('Mul', [node('MatMul', [heads4('q', [0, 2, 1, 3]), heads4('k', [0, 2, 3, 1])], 'qk'), constant('scale', [scale], 'float32')], 'scores');
    const probs = node('Softmax', [scores], 'probs', [{ name: 'axis', type: INT, i: -1 }]);
    const merged = node('Transpose', [node('MatMul', [probs, heads4('v', [0, 2, 1, 3])], 'pv')], 'pv_t', [{ name: 'perm', type: INTS, ints: [0, 2, 1, 3] }]);
    node('Reshape', [merged, constant('merge', [0, 0, width], 'int64')], 'out');
  }
  return encodeModel({
    irVersion: 8,
    producerName: 'onestory-attention-check',
    opsetImport: [{ domain: '', version: 17 }, { domain: MS_DOMAIN, version: 1 }],
    graph: { name: 'attention', node: nodes, initializer: initializers, input: ['q', 'k', 'v'].map(value), output: [value('out')] },
  });
}

async function run(bytes: Uint8Array, options: InferenceSession.SessionOptions, feeds: Record<string, Tensor>): Promise<Float32Array> {
  const session = await InferenceSession.create(bytes, options);
  try {
    return (await session.run(feeds)).out.data as Float32Array;
  } finally {
    await session.release();
  }
}

/** Runs `block` fused and unfused with the provider's session `options` and compares the outputs. */
export async function checkFusedAttention(block: AttentionBlock, options: InferenceSession.SessionOptions): Promise<FusedAttentionCheck> {
  const dims = [1, block.tokens, block.heads * block.headDim];
  const count = dims[1] * dims[2];
  // q and k scaled up so the softmax is peaked, as in a trained UNet (large logits are where flash attention drifts)
  const feeds = {
    q: new Tensor('float32', spread(count, 11).map((x) => 3 * x), dims),
    k: new Tensor('float32', spread(count, 12).map((x) => 3 * x), dims),
    v: new Tensor('float32', spread(count, 13), dims),
  };
  const fused = await run(graph(block, true), options, feeds);
  const unfused = await run(graph(block, false), options, feeds);
  const maxError = maxAbsDifference(fused, unfused);
  return { ok: maxError <= FUSED_ATTENTION_TOLERANCE, maxError, block };
}
