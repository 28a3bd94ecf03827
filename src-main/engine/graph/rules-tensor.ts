// Ops that move, select or make data without arithmetic: shapes, reshapes, slicing, gathering,
// concatenation, constants. Values are carried through for small tensors (shape subgraphs).
import type { NodeView, ShapeRule } from './node-view.ts';
import type { Tensor } from './onnx-graph.ts';
import { broadcastDims, broadcastValues, elementCount, normalizeAxis, stridesOf, tensor, Undetermined, valuesByIndex } from './tensor-math.ts';

/** Axes from input `i` (newer opsets) or the `axes` attribute (older ones); undefined when neither. */
export function axesOf(n: NodeView, i: number): number[] | undefined {
  return n.optionalValues(i, 'axes') ?? n.ints('axes');
}

/** The same values in a new shape (Reshape, Squeeze, Unsqueeze, Flatten). */
const reshaped = (x: Tensor, dims: number[]): Tensor[] => [tensor(dims, x.elemType, x.values)];

const shape: ShapeRule = (n) => {
  const dims = n.input(0).dims;
  const clamp = (a: number) => Math.min(Math.max(a < 0 ? a + dims.length : a, 0), dims.length);
  const picked = dims.slice(clamp(n.int('start', 0)), clamp(n.int('end', dims.length)));
  return [tensor([picked.length], 'int64', picked)];
};

const size: ShapeRule = (n) => [tensor([], 'int64', [elementCount(n.input(0).dims)])];

const reshape: ShapeRule = (n) => {
  const x = n.input(0);
  const allowZero = n.int('allowzero', 0) === 1;
  const dims = n.values(1, 'target shape').map((d, i) => {
    if (d !== 0 || allowZero) return d;
    if (i >= x.dims.length) throw new Undetermined(`target dim ${i} copies a dim the input does not have`);
    return x.dims[i];
  });
  const inferred = dims.indexOf(-1);
  if (inferred >= 0) {
    const rest = elementCount(dims.filter((_, i) => i !== inferred));
    if (rest === 0 || elementCount(x.dims) % rest !== 0) throw new Undetermined(`cannot reshape [${x.dims.join(', ')}] to [${dims.join(', ')}]`);
    dims[inferred] = elementCount(x.dims) / rest;
  }
  if (elementCount(dims) !== elementCount(x.dims)) throw new Undetermined(`cannot reshape [${x.dims.join(', ')}] to [${dims.join(', ')}]`);
  return reshaped(x, dims);
};

const flatten: ShapeRule = (n) => {
  const x = n.input(0);
  const axis = n.int('axis', 1);
  const split = axis < 0 ? axis + x.dims.length : axis;
  return reshaped(x, [elementCount(x.dims.slice(0, split)), elementCount(x.dims.slice(split))]);
};

const transpose: ShapeRule = (n) => {
  const x = n.input(0);
  const perm = n.ints('perm') ?? x.dims.map((_, i) => x.dims.length - 1 - i);
  const dims = perm.map((p) => x.dims[normalizeAxis(p, x.dims.length)]);
  const strides = stridesOf(x.dims);
  const values = x.values && valuesByIndex(dims, (index) => index.reduce((offset, v, i) => offset + v * strides[perm[i]], 0));
  return [tensor(dims, x.elemType, values)];
};

const squeeze: ShapeRule = (n) => {
  const x = n.input(0);
  const axes = axesOf(n, 1)?.map((a) => normalizeAxis(a, x.dims.length));
  if (axes?.some((a) => x.dims[a] !== 1)) throw new Undetermined(`cannot squeeze axes [${axes.join(', ')}] of [${x.dims.join(', ')}]`);
  return reshaped(x, x.dims.filter((d, i) => (axes ? !axes.includes(i) : d !== 1)));
};

const unsqueeze: ShapeRule = (n) => {
  const x = n.input(0);
  const given = axesOf(n, 1);
  if (!given) throw new Undetermined('no axes');
  const rank = x.dims.length + given.length;
  const axes = new Set(given.map((a) => normalizeAxis(a, rank)));
  const rest = [...x.dims];
  return reshaped(x, Array.from({ length: rank }, (_, i) => (axes.has(i) ? 1 : (rest.shift() as number))));
};

const concat: ShapeRule = (n) => {
  const parts = n.present();
  const rank = parts[0].dims.length;
  const axis = normalizeAxis(n.int('axis', 0), rank);
  const dims = [...parts[0].dims];
  dims[axis] = parts.reduce((sum, p) => sum + p.dims[axis], 0);
  let values: number[] | null = null;
  if (parts.every((p) => p.values)) {
    // Each output position along the axis belongs to one part, at an offset within it.
    const owner = parts.flatMap((p, k) => Array.from({ length: p.dims[axis] }, (_, j) => [k, j] as const));
    const strides = parts.map((p) => stridesOf(p.dims));
    values = valuesByIndex(dims, (index) => {
      const [k, j] = owner[index[axis]];
      return (parts[k].values as number[])[index.reduce((offset, v, i) => offset + (i === axis ? j : v) * strides[k][i], 0)];
    });
  }
  return [tensor(dims, parts[0].elemType, values)];
};

interface SliceAxis { axis: number; start: number; step: number; length: number }

/** ONNX Slice's clamping of one axis's bounds. */
function sliceAxis(dim: number, axis: number, start: number, end: number, step: number): SliceAxis {
  if (step === 0) throw new Undetermined('slice step 0');
  let s = start < 0 ? start + dim : start;
  let e = end < 0 ? end + dim : end;
  if (step > 0) {
    s = Math.min(Math.max(s, 0), dim);
    e = Math.min(Math.max(e, 0), dim);
  } else {
    s = Math.min(Math.max(s, 0), dim - 1);
    e = Math.min(Math.max(e, -1), dim - 1);
  }
  return { axis, start: s, step, length: Math.max(0, Math.ceil((e - s) / step)) };
}

function sliced(x: Tensor, ranges: SliceAxis[]): Tensor {
  const dims = [...x.dims];
  const byAxis = new Map(ranges.map((r) => [r.axis, r]));
  for (const r of ranges) dims[r.axis] = r.length;
  const strides = stridesOf(x.dims);
  const xs = x.values;
  const values = xs && valuesByIndex(dims, (index) => xs[index.reduce((offset, v, i) => {
    const r = byAxis.get(i);
    return offset + (r ? r.start + v * r.step : v) * strides[i];
  }, 0)]);
  return tensor(dims, x.elemType, values);
}

const slice: ShapeRule = (n) => {
  const x = n.input(0);
  const fromInputs = n.opset >= 10;
  const starts = fromInputs ? n.values(1, 'starts') : n.ints('starts');
  const ends = fromInputs ? n.values(2, 'ends') : n.ints('ends');
  if (!starts || !ends) throw new Undetermined('no starts or ends');
  const axes = (fromInputs ? n.optionalValues(3, 'axes') : n.ints('axes')) ?? starts.map((_, i) => i);
  const steps = (fromInputs ? n.optionalValues(4, 'steps') : undefined) ?? starts.map(() => 1);
  return [sliced(x, axes.map((a, i) => {
    const axis = normalizeAxis(a, x.dims.length);
    return sliceAxis(x.dims[axis], axis, starts[i], ends[i], steps[i]);
  }))];
};

const split: ShapeRule = (n) => {
  const x = n.input(0);
  const axis = normalizeAxis(n.int('axis', 0), x.dims.length);
  const dim = x.dims[axis];
  let sizes = n.optionalValues(1, 'split') ?? n.ints('split');
  if (!sizes) {
    const parts = n.has('num_outputs') ? n.int('num_outputs', 0) : n.outputCount;
    // num_outputs (opset 18) lets the last part be smaller; otherwise the parts are equal.
    const chunk = n.has('num_outputs') ? Math.ceil(dim / parts) : dim / parts;
    if (!Number.isInteger(chunk)) throw new Undetermined(`axis of ${dim} does not split into ${parts} equal parts`);
    sizes = Array.from({ length: parts }, (_, i) => Math.max(0, Math.min(chunk, dim - i * chunk)));
  }
  if (sizes.reduce((a, b) => a + b, 0) !== dim) throw new Undetermined(`split [${sizes.join(', ')}] does not add up to ${dim}`);
  let start = 0;
  return sizes.map((length) => {
    const part = sliced(x, [{ axis, start, step: 1, length }]);
    start += length;
    return part;
  });
};

const gather: ShapeRule = (n) => {
  const [data, indices] = [n.input(0), n.input(1)];
  const axis = normalizeAxis(n.int('axis', 0), data.dims.length);
  const dim = data.dims[axis];
  const dims = [...data.dims.slice(0, axis), ...indices.dims, ...data.dims.slice(axis + 1)];
  let values: number[] | null = null;
  if (data.values && indices.values) {
    const picks = indices.values.map((i) => {
      if (i < -dim || i >= dim) throw new Undetermined(`index ${i} is out of range for an axis of ${dim}`);
      return i < 0 ? i + dim : i;
    });
    const strides = stridesOf(data.dims);
    const indexStrides = stridesOf(indices.dims);
    const q = indices.dims.length;
    values = valuesByIndex(dims, (index) => {
      const pick = picks[index.slice(axis, axis + q).reduce((offset, v, i) => offset + v * indexStrides[i], 0)];
      const source = [...index.slice(0, axis), pick, ...index.slice(axis + q)];
      return (data.values as number[])[source.reduce((offset, v, i) => offset + v * strides[i], 0)];
    });
  }
  return [tensor(dims, data.elemType, values)];
};

const gatherND: ShapeRule = (n) => {
  const [data, indices] = [n.input(0), n.input(1)];
  const batchDims = n.int('batch_dims', 0);
  const depth = indices.dims[indices.dims.length - 1];
  return [tensor([...indices.dims.slice(0, -1), ...data.dims.slice(batchDims + depth)], data.elemType)];
};

/** GatherElements: the indices' shape; Scatter*: the data's. */
const likeInput = (i: number, typeFrom = 0): ShapeRule => (n) => [tensor([...n.input(i).dims], n.input(typeFrom).elemType)];

const expand: ShapeRule = (n) => {
  const x = n.input(0);
  const dims = broadcastDims([x.dims, n.values(1, 'target shape')]);
  return [tensor(dims, x.elemType, broadcastValues([x], dims, x.elemType, (v) => v))];
};

const tile: ShapeRule = (n) => {
  const x = n.input(0);
  const repeats = n.values(1, 'repeats');
  const dims = x.dims.map((d, i) => d * repeats[i]);
  const strides = stridesOf(x.dims);
  const values = x.values && valuesByIndex(dims, (index) => (x.values as number[])[index.reduce((offset, v, i) => offset + (v % x.dims[i]) * strides[i], 0)]);
  return [tensor(dims, x.elemType, values)];
};

const constantOfShape: ShapeRule = (n) => {
  const dims = n.values(0, 'shape');
  const fill = n.tensor('value') ?? { dims: [1], elemType: 'float32', values: [0] };
  const value = fill.values?.[0];
  return [tensor(dims, fill.elemType, value === undefined ? null : valuesByIndex(dims, () => value))];
};

const constant: ShapeRule = (n) => {
  const value = n.tensor('value');
  if (value) return [value];
  if (n.has('value_int')) return [tensor([], 'int64', [n.int('value_int', 0)])];
  if (n.has('value_float')) return [tensor([], 'float32', [n.float('value_float', 0)])];
  const ints = n.ints('value_ints');
  if (ints) return [tensor([ints.length], 'int64', ints)];
  const floats = n.floats('value_floats');
  if (floats) return [tensor([floats.length], 'float32', floats)];
  throw new Undetermined(`no value read (a sparse or string constant, or a node over 16 MiB): ${[...n.node.attributes.keys()].join(', ') || 'no attributes'}`);
};

const range: ShapeRule = (n) => {
  const [start, limit, delta] = [n.values(0, 'start')[0], n.values(1, 'limit')[0], n.values(2, 'delta')[0]];
  const count = Math.max(Math.ceil((limit - start) / delta), 0);
  return [tensor([count], n.input(0).elemType, valuesByIndex([count], ([i]) => start + i * delta))];
};

const pad: ShapeRule = (n) => {
  const x = n.input(0);
  const pads = n.opset >= 11 ? n.values(1, 'pads') : n.ints('pads');
  if (!pads) throw new Undetermined('no pads');
  const axes = (n.optionalValues(3, 'axes') ?? x.dims.map((_, i) => i)).map((a) => normalizeAxis(a, x.dims.length));
  const dims = [...x.dims];
  axes.forEach((axis, i) => (dims[axis] += pads[i] + pads[i + axes.length]));
  return [tensor(dims, x.elemType)];
};

const nonZero: ShapeRule = (n) => {
  const x = n.input(0);
  if (!x.values) throw new Undetermined('the count of non-zero elements depends on the data');
  return [tensor([x.dims.length, x.values.filter((v) => v !== 0).length], 'int64')];
};

export const TENSOR_RULES: Record<string, ShapeRule> = {
  Shape: shape,
  Size: size,
  Reshape: reshape,
  Flatten: flatten,
  Transpose: transpose,
  Squeeze: squeeze,
  Unsqueeze: unsqueeze,
  Concat: concat,
  Slice: slice,
  Split: split,
  Gather: gather,
  GatherElements: likeInput(1, 0),
  GatherND: gatherND,
  ScatterND: likeInput(0),
  ScatterElements: likeInput(0),
  Scatter: likeInput(0),
  Expand: expand,
  Tile: tile,
  ConstantOfShape: constantOfShape,
  Constant: constant,
  Range: range,
  Pad: pad,
  NonZero: nonZero,
};
