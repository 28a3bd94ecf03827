// How many items one session run may carry on an adapter whose kernels silently go wrong past a buffer limit: the
// graph's concrete shapes at one and two items give each tensor's size per item, and the batch is cut so that no
// tensor of a run exceeds the limit. A component whose single item does not fit runs on the CPU instead.
import { inferShapes, readOnnxGraph, type GraphShapes, type OnnxGraph, type TensorSize } from '../graph/index.ts';
import { formatBytes } from '../../../src-shared/format/quantities.ts';

export interface CallPlan {
  /** the items one run carries: the whole batch unless the limit needs smaller runs */
  itemsPerCall: number;
  /** not even one item fits the adapter: the component runs on the CPU provider */
  onCpu: boolean;
  /** the largest tensor of a run at `itemsPerCall` items (of one item when on the CPU) */
  largest: TensorSize | null;
  /** why the component runs on the CPU */
  reason: string | null;
  /** the concrete shapes of one run as planned */
  shapes: GraphShapes;
}

export type ShapesOf = (inputs: Record<string, number[]>) => Promise<GraphShapes>;

/** Element sizes of the types weights come in. */
const BYTES: Record<string, number> = { float32: 4, float16: 2, bfloat16: 2, int64: 8, int32: 4, int8: 1, uint8: 1, bool: 1, float64: 8 };

export interface PlannerOptions {
  /** false (tests only): never cut a batch, so what the limit breaks reaches the self-check */
  split: boolean;
  /** runs once per new plan on the GPU, with its shapes, before the plan is used */
  check(shapes: GraphShapes): Promise<void>;
  shapes?: ShapesOf;
}

/** Plans for one component's graph on an adapter with `limitBytes`, cached per input shape. */
export class CallPlanner {
  readonly #component: string;
  readonly #limit: number;
  readonly #shapes: ShapesOf;
  readonly #options: PlannerOptions;
  readonly #plans = new Map<string, Promise<CallPlan>>();

  constructor(component: string, modelPath: string, limitBytes: number, options: PlannerOptions) {
    this.#component = component;
    this.#limit = limitBytes;
    let graph: Promise<OnnxGraph> | undefined;
    const read = () => (graph ??= readOnnxGraph(modelPath));
    this.#shapes = options.shapes ?? (async (inputs) => withWeights(await read(), inferShapes(await read(), inputs)));
    this.#options = options;
  }

  get limitBytes(): number {
    return this.#limit;
  }

  /** `dimsAt(n)`: every input's dims for a run of n items; `batch`: the items asked for. */
  plan(dimsAt: (items: number) => Record<string, number[]>, batch: number): Promise<CallPlan> {
    const key = JSON.stringify(dimsAt(batch));
    let plan = this.#plans.get(key);
    if (!plan) {
      plan = this.#compute(dimsAt, batch).then(async (p) => {
        if (!p.onCpu) await this.#options.check(p.shapes);
        return p;
      });
      plan.catch(() => this.#plans.delete(key)); // a failure is not remembered
      this.#plans.set(key, plan);
    }
    return plan;
  }

  async #compute(dimsAt: (items: number) => Record<string, number[]>, batch: number): Promise<CallPlan> {
    const one = await this.#shapes(dimsAt(1));
    if (one.unknown.length > 0) {
      const first = one.unknown[0];
      return this.#cpu(one, `the size of ${first.node} (${first.op}: ${first.reason}) cannot be worked out, so a run cannot be kept within the adapter's limit`);
    }
    const tooLarge = one.largest && one.largest.bytes > this.#limit ? one.largest : null;
    if (tooLarge) {
      return this.#cpu(
        one,
        `one item needs a ${formatBytes(tooLarge.bytes)} tensor (${tooLarge.op} ${tooLarge.node}, [${tooLarge.dims.join(', ')}]), over the adapter's ${formatBytes(this.#limit)} limit`,
      );
    }
    if (batch === 1) return this.#gpu(1, one);
    if (!this.#options.split) return this.#gpu(batch, await this.#shapes(dimsAt(batch)));
    const two = await this.#shapes(dimsAt(2));
    let items = Math.min(batch, itemsWithin(one, two, this.#limit));
    // The per-item growth is linear for these graphs; confirm on the exact shapes rather than trust it.
    let shapes = items === 1 ? one : await this.#shapes(dimsAt(items));
    while (items > 1 && (shapes.largest?.bytes ?? 0) > this.#limit) {
      items -= 1;
      shapes = await this.#shapes(dimsAt(items));
    }
    return this.#gpu(items, shapes);
  }

  #gpu(items: number, shapes: GraphShapes): CallPlan {
    return { itemsPerCall: items, onCpu: false, largest: shapes.largest, reason: null, shapes };
  }

  #cpu(one: GraphShapes, why: string): CallPlan {
    return { itemsPerCall: Number.MAX_SAFE_INTEGER, onCpu: true, largest: one.largest, reason: `${this.#component} runs on the CPU: ${why}`, shapes: one };
  }
}

/** The most items per run for which every tensor, growing by its own per-item size, stays within `limit`. */
function itemsWithin(one: GraphShapes, two: GraphShapes, limit: number): number {
  const atTwo = new Map(two.tensors.map((t) => [t.name, t.bytes]));
  let items = Number.MAX_SAFE_INTEGER;
  for (const t of one.tensors) {
    const perItem = (atTwo.get(t.name) ?? t.bytes) - t.bytes;
    if (perItem > 0) items = Math.min(items, Math.floor((limit - t.bytes) / perItem) + 1);
  }
  return Math.max(1, items);
}

/** Weights are tensors a kernel binds too: a weight over the limit counts like an intermediate one. */
function withWeights(graph: OnnxGraph, shapes: GraphShapes): GraphShapes {
  let largest = shapes.largest;
  for (const [name, t] of graph.initializers) {
    const bytes = t.dims.reduce((a, b) => a * b, 1) * (BYTES[t.elemType] ?? 4);
    if (!largest || bytes > largest.bytes) largest = { name, node: name, op: 'weight', dims: t.dims, elemType: t.elemType, bytes };
  }
  return { ...shapes, largest };
}
