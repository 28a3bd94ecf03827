// A load-time check that a GPU provider computes attention right at the size a story will use: one attention block
// (QKᵀ → softmax → ·V) whose score tensor is as large as the UNet's largest run will make it, on the provider and on
// the CPU provider, compared. Past an adapter's buffer limit ONNX Runtime's kernels answer with wrong numbers and no
// error; this catches a limit the planner did not know of, or got wrong, before any picture is made from them.
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { encodeModel, type AttributeMessage, type NodeMessage, type ValueInfoMessage } from '../onnx/onnx-proto.ts';
import { ONNX_DATA_TYPE, toRawBytes } from '../onnx/tensor-data.ts';
import { formatBytes } from '../../../src-shared/format/quantities.ts';

export interface AttentionShape {
  /** items × heads: the score tensor's leading size */
  rows: number;
  tokens: number;
  headDim: number;
  elemType: 'float32' | 'float16';
}

export interface SelfCheckResult {
  ok: boolean;
  elemType: AttentionShape['elemType'];
  /** largest |provider − CPU| over the attention output, whose values lie in [−1, 1] */
  maxError: number;
  scoresBytes: number;
}

/**
 * Rounding alone stays below these for outputs in [−1, 1] (measured: float32 ≤ 4e-6 on lavapipe and an H200; float16
 * 3e-3 on lavapipe, 1.6e-2 on an H200 with a 1.9 GB score tensor); results computed past a buffer limit missed by
 * 400 to 3,800 in the same measurements.
 */
export const SELF_CHECK_TOLERANCE = { float32: 1e-3, float16: 5e-2 } as const;

export function scoresBytes(shape: AttentionShape): number {
  return shape.rows * shape.tokens * shape.tokens * (shape.elemType === 'float16' ? 2 : 4);
}

const INT = 2;
const INTS = 7;

/** The attention block; on `float16` the inputs are cast down and the output back, as a float16 UNet computes it. */
function attentionGraph(shape: AttentionShape): Uint8Array {
  const { rows, tokens, headDim, elemType } = shape;
  const dims = [1, rows, tokens, headDim];
  const value = (name: string): ValueInfoMessage => ({
    name,
    type: { tensorType: { elemType: ONNX_DATA_TYPE.float32, shape: { dim: dims.map((dimValue) => ({ dimValue })) } } },
  });
  const nodes: NodeMessage[] = [];
  const node = (opType: string, input: string[], output: string, attribute: AttributeMessage[] = []) => {
    nodes.push({ name: output, opType, input, output: [output], attribute });
    return output;
  };
  const half = elemType === 'float16';
  const cast = (x: string, to: number) => node('Cast', [x], `${x}_as_${to}`, [{ name: 'to', type: INT, i: to }]);
  const [q, k, v] = ['q', 'k', 'v'].map((x) => (half ? cast(x, ONNX_DATA_TYPE.float16) : x));
  const kT = node('Transpose', [k], 'k_t', [{ name: 'perm', type: INTS, ints: [0, 1, 3, 2] }]);
  const scores = node('Mul', [node('MatMul', [q, kT], 'qk'), 'scale'], 'scores');
  const weights = node('Softmax', [scores], 'weights', [{ name: 'axis', type: INT, i: -1 }]);
  const out = node('MatMul', [weights, v], half ? 'out_half' : 'out');
  if (half) node('Cast', [out], 'out', [{ name: 'to', type: INT, i: ONNX_DATA_TYPE.float32 }]);
  const scale = { name: 'scale', dims: [], dataType: ONNX_DATA_TYPE[elemType], rawData: toRawBytes([1 / Math.sqrt(headDim)], elemType) };
  return encodeModel({
    irVersion: 8,
    producerName: 'onestory-self-check',
    opsetImport: [{ domain: '', version: 17 }],
    graph: { name: 'attention', node: nodes, initializer: [scale], input: ['q', 'k', 'v'].map(value), output: [value('out')] },
  });
}

/** Deterministic values in [−1, 1] (a 32-bit LCG): the check needs no randomness, only spread. */
export function spread(count: number, seed: number): Float32Array {
  const out = new Float32Array(count);
  let state = seed >>> 0;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state / 2 ** 31 - 1;
  }
  return out;
}

/** The largest |a − b|; a NaN anywhere counts as the worst error. */
export function maxAbsDifference(a: Float32Array, b: Float32Array): number {
  let maxError = 0;
  for (let i = 0; i < b.length; i++) {
    const error = Math.abs(a[i] - b[i]);
    maxError = error <= maxError ? maxError : Number.isNaN(error) ? Infinity : error;
  }
  return maxError;
}

async function runAttention(bytes: Uint8Array, options: InferenceSession.SessionOptions, feeds: Record<string, Tensor>): Promise<Float32Array> {
  const session = await InferenceSession.create(bytes, options);
  try {
    return (await session.run(feeds)).out.data as Float32Array;
  } finally {
    await session.release();
  }
}

/** Runs the block on `gpu` (the provider's session options) and on the CPU, and compares. */
export async function attentionSelfCheck(shape: AttentionShape, gpu: InferenceSession.SessionOptions, cpu: InferenceSession.SessionOptions): Promise<SelfCheckResult> {
  const bytes = attentionGraph(shape);
  const count = shape.rows * shape.tokens * shape.headDim;
  const dims = [1, shape.rows, shape.tokens, shape.headDim];
  // q and k scaled up so the softmax is peaked, as in a trained UNet, rather than a flat average
  const feeds = {
    q: new Tensor('float32', spread(count, 1).map((x) => 3 * x), dims),
    k: new Tensor('float32', spread(count, 2).map((x) => 3 * x), dims),
    v: new Tensor('float32', spread(count, 3), dims),
  };
  const onGpu = await runAttention(bytes, gpu, feeds);
  const onCpu = await runAttention(attentionGraph({ ...shape, elemType: 'float32' }), cpu, feeds);
  const maxError = maxAbsDifference(onGpu, onCpu);
  return { ok: maxError <= SELF_CHECK_TOLERANCE[shape.elemType], maxError, scoresBytes: scoresBytes(shape), elemType: shape.elemType };
}

export function describeSelfCheckFailure(provider: string, adapter: string, result: SelfCheckResult): string {
  return (
    `${provider} gave wrong results on ${adapter}: an attention block with a ${formatBytes(result.scoresBytes)} score tensor ` +
    `differs from the CPU by ${result.maxError.toPrecision(2)} (${result.elemType} rounding stays below ${SELF_CHECK_TOLERANCE[result.elemType]}); ` +
    `running on the CPU instead, since wrong pictures are worse than slow ones. Updating the GPU driver may help.`
  );
}
