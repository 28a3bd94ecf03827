// A load-time check that a GPU provider computes attention right at the size a story will use: one attention block
// (QKᵀ → softmax → ·V) whose score tensor is as large as the UNet's largest run will make it, on the provider and on
// the CPU provider, compared. Past an adapter's buffer limit ONNX Runtime's kernels answer with wrong numbers and no
// error; this catches a limit the planner did not know of, or got wrong, before any picture is made from them.
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { GraphBuilder } from '../../../scripts/onnx/graph-builder.ts';
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

/** The attention block; on `float16` the inputs are cast down and the output back, as a float16 UNet computes it. */
function attentionGraph(shape: AttentionShape): Uint8Array {
  const { rows, tokens, headDim, elemType } = shape;
  const g = new GraphBuilder();
  const dims = [1, rows, tokens, headDim];
  const cast = (x: string) => (elemType === 'float16' ? g.node('Cast', [x], { to: 10 }) : x);
  const q = cast(g.input('q', 'float32', dims));
  const k = cast(g.input('k', 'float32', dims));
  const v = cast(g.input('v', 'float32', dims));
  const scores = g.node('Mul', [g.node('MatMul', [q, g.node('Transpose', [k], { perm: [0, 1, 3, 2] })]), g.scalar(1 / Math.sqrt(headDim), elemType)]);
  const out = g.node('MatMul', [g.node('Softmax', [scores], { axis: -1 }), v]);
  g.output(elemType === 'float16' ? g.node('Cast', [out], { to: 1 }) : out, 'out', 'float32', dims);
  return g.toBytes({ opset: 17, producer: 'onestory-self-check' });
}

/** Deterministic values in [−1, 1] (a 32-bit LCG): the check needs no randomness, only spread. */
function spread(count: number, seed: number): Float32Array {
  const out = new Float32Array(count);
  let state = seed >>> 0;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state / 2 ** 31 - 1;
  }
  return out;
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
  let maxError = 0;
  for (let i = 0; i < onCpu.length; i++) {
    const error = Math.abs(onGpu[i] - onCpu[i]);
    // NaN compares false: count it as the worst error
    maxError = error <= maxError ? maxError : Number.isNaN(error) ? Infinity : error;
  }
  return { ok: maxError <= SELF_CHECK_TOLERANCE[shape.elemType], maxError, scoresBytes: scoresBytes(shape), elemType: shape.elemType };
}

export function describeSelfCheckFailure(provider: string, adapter: string, result: SelfCheckResult): string {
  return (
    `${provider} gave wrong results on ${adapter}: an attention block with a ${formatBytes(result.scoresBytes)} score tensor ` +
    `differs from the CPU by ${result.maxError.toPrecision(2)} (${result.elemType} rounding stays below ${SELF_CHECK_TOLERANCE[result.elemType]}); ` +
    `running on the CPU instead, since wrong pictures are worse than slow ones. Updating the GPU driver may help.`
  );
}
