// Reductions (axes as attribute or input, keepdims, noop_with_empty_axes), ArgMax/ArgMin and TopK.
// Sum, Prod, Max and Min values are computed for small tensors (torch's flatten uses ReduceProd).
import type { NodeView, ShapeRule } from './node-view.ts';
import { axesOf } from './rules-tensor.ts';
import { asElement, elementCount, forEachIndex, normalizeAxis, stridesOf, tensor, Undetermined } from './tensor-math.ts';

const REDUCERS: Record<string, ((values: number[]) => number) | null> = {
  ReduceSum: (v) => v.reduce((a, b) => a + b, 0),
  ReduceProd: (v) => v.reduce((a, b) => a * b, 1),
  ReduceMax: (v) => Math.max(...v),
  ReduceMin: (v) => Math.min(...v),
  ReduceMean: null, ReduceL1: null, ReduceL2: null, ReduceLogSum: null, ReduceLogSumExp: null, ReduceSumSquare: null,
};

/** The output dims after reducing `axes`, kept as 1s or dropped. */
function reducedDims(dims: number[], axes: Set<number>, keepDims: boolean): number[] {
  return dims.flatMap((d, i) => (axes.has(i) ? (keepDims ? [1] : []) : [d]));
}

function reduce(reducer: ((values: number[]) => number) | null): ShapeRule {
  return (n: NodeView) => {
    const x = n.input(0);
    const rank = x.dims.length;
    const given = axesOf(n, 1) ?? [];
    if (given.length === 0 && n.int('noop_with_empty_axes', 0) === 1) return [tensor([...x.dims], x.elemType, x.values)];
    const axes = new Set(given.length ? given.map((a) => normalizeAxis(a, rank)) : x.dims.map((_, i) => i));
    const keepDims = n.int('keepdims', 1) === 1;
    const dims = reducedDims(x.dims, axes, keepDims);
    let values: number[] | null = null;
    if (reducer && x.values) {
      // Group the input's elements by the output position they reduce into.
      const kept = reducedDims(x.dims, axes, true);
      const strides = stridesOf(kept);
      const groups: number[][] = Array.from({ length: elementCount(kept) }, () => []);
      const xs = x.values;
      forEachIndex(x.dims, (index, flat) => groups[index.reduce((o, v, i) => o + (axes.has(i) ? 0 : v * strides[i]), 0)].push(xs[flat]));
      values = groups.map((group) => asElement(reducer(group), x.elemType));
    }
    return [tensor(dims, x.elemType, values)];
  };
}

const argReduce: ShapeRule = (n) => {
  const x = n.input(0);
  const axis = normalizeAxis(n.int('axis', 0), x.dims.length);
  return [tensor(reducedDims(x.dims, new Set([axis]), n.int('keepdims', 1) === 1), 'int64')];
};

const topK: ShapeRule = (n) => {
  const x = n.input(0);
  const k = n.opset >= 10 ? n.values(1, 'k')[0] : n.int('k', -1);
  const axis = normalizeAxis(n.int('axis', -1), x.dims.length);
  if (k < 0 || k > x.dims[axis]) throw new Undetermined(`k ${k} for an axis of ${x.dims[axis]}`);
  const dims = x.dims.map((d, i) => (i === axis ? k : d));
  return [tensor(dims, x.elemType), tensor([...dims], 'int64')];
};

export const REDUCE_RULES: Record<string, ShapeRule> = {
  ...Object.fromEntries(Object.entries(REDUCERS).map(([op, reducer]) => [op, reduce(reducer)])),
  ArgMax: argReduce,
  ArgMin: argReduce,
  TopK: topK,
};
