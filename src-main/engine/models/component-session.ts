// One component's ONNX session, counting its runs and the time spent inside run(). On an adapter with a buffer limit
// (WebGPU), each run follows the component's call plan: the batch cut into runs that fit, or the CPU provider when a
// single item does not.
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import type { ComponentCall } from '../../../src-shared/domain/index.ts';
import type { CallPlanner } from '../gpu/call-planner.ts';
import type { GpuGuard } from '../gpu/gpu-guard.ts';
import { concatOutputs, sliceFeeds } from '../gpu/split-batch.ts';

export interface ComponentCounters {
  /** items evaluated: a run on a batch of n counts n */
  runs: number;
  sessionMs: number;
}

/** How a batch went through the component: what the story's record shows. */
export type CallRecord = ComponentCall;

/** A GPU provider with a buffer limit: the model's guard, this component's planner, and its CPU stand-in. */
export interface GuardedGpu {
  guard: GpuGuard;
  planner: CallPlanner;
  /** the same graph on the CPU provider, created when first needed */
  cpuSession(): Promise<InferenceSession>;
}

export class ComponentSession {
  /** the component's folder name: text_encoder, text_encoder_2, unet, vae_decoder */
  readonly name: string;
  readonly path: string;
  readonly session: InferenceSession;
  readonly provider: string;
  readonly counters: ComponentCounters = { runs: 0, sessionMs: 0 };
  /** each distinct way a batch went through since the records were last cleared */
  readonly callRecords = new Map<string, CallRecord>();
  readonly #gpu: GuardedGpu | null;
  /** inputs whose first axis is the batch (declared symbolic), which a cut batch slices */
  readonly #batchAxisInputs: ReadonlySet<string>;

  constructor(name: string, path: string, session: InferenceSession, provider: string, gpu: GuardedGpu | null = null) {
    this.name = name;
    this.path = path;
    this.session = session;
    this.provider = provider;
    this.#gpu = gpu;
    this.#batchAxisInputs = new Set(session.inputMetadata.filter((m) => m.isTensor && typeof m.shape[0] === 'string').map((m) => m.name));
  }

  /** Runs the graph on `batch` items and returns the outputs named in `fetches`. */
  async run(feeds: Record<string, Tensor>, fetches: readonly string[], batch: number): Promise<Record<string, Tensor>> {
    const start = performance.now();
    let outputs: Record<string, Tensor>;
    try {
      outputs = await this.#runPlanned(feeds, fetches, batch);
    } catch (error) {
      throw new Error(`${this.path}: ONNX Runtime failed to run it: ${firstLine(error)}`, { cause: error });
    } finally {
      this.counters.sessionMs += performance.now() - start;
    }
    this.counters.runs += batch;
    return outputs;
  }

  /**
   * How many of `batch` items one run carries on the GPU within the adapter's limit (the plan the first run at these
   * shapes then reuses); null without a limit, or when the component runs on the CPU anyway.
   */
  async itemsPerRun(dimsAt: (items: number) => Record<string, number[]>, batch: number): Promise<number | null> {
    const gpu = this.#gpu;
    if (!gpu || gpu.guard.refusal) return null;
    const plan = await gpu.planner.plan(dimsAt, batch);
    return plan.onCpu ? null : Math.min(batch, plan.itemsPerCall);
  }

  async #runPlanned(feeds: Record<string, Tensor>, fetches: readonly string[], batch: number): Promise<Record<string, Tensor>> {
    const gpu = this.#gpu;
    if (!gpu) {
      this.#record({ provider: this.provider, batch, itemsPerRun: batch, largestTensorBytes: null, limitBytes: null, cpuReason: null });
      return this.#runAll(this.session, feeds, fetches);
    }
    const batched = new Set([...this.#batchAxisInputs].filter((name) => feeds[name]?.dims[0] === batch));
    const plan = await gpu.planner.plan((items) => dimsAt(feeds, batched, items), batch);
    const limitBytes = gpu.planner.limitBytes;
    const largestTensorBytes = plan.largest?.bytes ?? null;
    const cpuReason = gpu.guard.refusal ?? plan.reason;
    if (cpuReason !== null) {
      this.#record({ provider: 'cpu', batch, itemsPerRun: batch, largestTensorBytes, limitBytes, cpuReason });
      return this.#runAll(await gpu.cpuSession(), feeds, fetches);
    }
    const per = batched.size === 0 ? batch : Math.min(batch, plan.itemsPerCall);
    this.#record({ provider: this.provider, batch, itemsPerRun: per, largestTensorBytes, limitBytes, cpuReason: null });
    if (per === batch) return this.#runAll(this.session, feeds, fetches);
    const parts: Record<string, Tensor>[] = [];
    for (let first = 0; first < batch; first += per) {
      parts.push(await this.#runAll(this.session, sliceFeeds(feeds, batched, first, Math.min(per, batch - first)), fetches));
    }
    return concatOutputs(parts, fetches);
  }

  async #runAll(session: InferenceSession, feeds: Record<string, Tensor>, fetches: readonly string[]): Promise<Record<string, Tensor>> {
    return (await session.run(feeds, [...fetches])) as Record<string, Tensor>;
  }

  #record(call: CallRecord): void {
    this.callRecords.set(JSON.stringify(call), call);
  }
}

function dimsAt(feeds: Record<string, Tensor>, batched: ReadonlySet<string>, items: number): Record<string, number[]> {
  return Object.fromEntries(Object.entries(feeds).map(([name, t]) => [name, batched.has(name) ? [items, ...t.dims.slice(1)] : [...t.dims]]));
}

export function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0];
}
