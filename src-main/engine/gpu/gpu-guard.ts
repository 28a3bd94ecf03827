// One loaded model's protection against a GPU adapter's buffer limit: a call planner per component (runs cut to fit,
// or the CPU), and the attention self-check, run once per adapter, model family and attention size, before a run of
// that size on the GPU. A failed check moves every component of the model to the CPU: better slow than wrong pictures.
import type { InferenceSession } from 'onnxruntime-node';
import { bufferLimitBytes } from '../../../src-shared/domain/index.ts';
import type { GraphShapes } from '../graph/index.ts';
import { adapterLabel, type GpuAdapter } from './adapter.ts';
import { CallPlanner } from './call-planner.ts';
import { attentionSelfCheck, describeSelfCheckFailure, type AttentionShape, type SelfCheckResult } from './self-check.ts';

export interface GpuGuardOptions {
  provider: string;
  /** null when it could not be described: the limit is then WebGPU's guaranteed minimum */
  adapter: GpuAdapter | null;
  family: string;
  gpuOptions: InferenceSession.SessionOptions;
  cpuOptions: InferenceSession.SessionOptions;
  /** Test only: false plans no smaller runs, so the self-check alone must catch what the limit breaks. */
  splitBatches: boolean;
}

/** What every WebGPU adapter supports (the specification's default maxStorageBufferBindingSize). */
const WEBGPU_MIN_BINDING_BYTES = 128 * 2 ** 20;

/** The largest buffer one kernel may bind on `adapter` (WebGPU's guaranteed minimum when it could not be described). */
export function adapterLimitBytes(adapter: GpuAdapter | null): number {
  return adapter ? bufferLimitBytes(adapter) : WEBGPU_MIN_BINDING_BYTES;
}

/** Checks already run in this process, by adapter, family and probe shape. */
const checks = new Map<string, Promise<SelfCheckResult>>();

export class GpuGuard {
  readonly limitBytes: number;
  readonly #options: GpuGuardOptions;
  #refusal: string | null = null;

  constructor(options: GpuGuardOptions) {
    this.#options = options;
    this.limitBytes = adapterLimitBytes(options.adapter);
  }

  /** Why the model no longer runs on the GPU provider, once the self-check failed. */
  get refusal(): string | null {
    return this.#refusal;
  }

  planner(component: string, modelPath: string): CallPlanner {
    return new CallPlanner(component, modelPath, this.limitBytes, { split: this.#options.splitBatches, check: (shapes) => this.#checkAttention(shapes) });
  }

  /** Before a component's first GPU run at `shapes` (one run's concrete shapes): the self-check on its attention. */
  async #checkAttention(shapes: GraphShapes): Promise<void> {
    const probe = largestAttention(shapes);
    if (!probe || this.#refusal) return;
    const { adapter, family, gpuOptions, cpuOptions, provider } = this.#options;
    const key = JSON.stringify([adapter?.description, adapter?.device, family, probe]);
    let check = checks.get(key);
    if (!check) {
      check = attentionSelfCheck(probe, gpuOptions, cpuOptions);
      check.catch(() => checks.delete(key));
      checks.set(key, check);
    }
    const result = await check;
    if (!result.ok) this.#refusal = describeSelfCheckFailure(provider, adapter ? adapterLabel(adapter) : 'this adapter', result);
  }
}

/** The softmax with the most elements, as an attention block's scores: [items × heads, T, T] or [items, heads, T, T]. */
function largestAttention(shapes: GraphShapes): AttentionShape | null {
  let best: AttentionShape | null = null;
  for (const t of shapes.tensors) {
    if (t.op !== 'Softmax' || t.dims.length < 3) continue;
    const tokens = t.dims[t.dims.length - 1];
    const rows = t.dims.slice(0, -2).reduce((a, b) => a * b, 1);
    if (t.dims[t.dims.length - 2] !== tokens) continue; // cross-attention: fewer keys than queries, never the largest
    if (t.elemType !== 'float32' && t.elemType !== 'float16') continue;
    if (!best || rows * tokens * tokens > best.rows * best.tokens * best.tokens) best = { rows, tokens, headDim: PROBE_HEAD_DIM, elemType: t.elemType };
  }
  return best;
}

/** SD 1.x's head width at its largest attention level; the limit concerns the score tensor, whatever the width. */
const PROBE_HEAD_DIM = 40;
