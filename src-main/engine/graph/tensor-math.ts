// Shape arithmetic the rules share: element counts and sizes, axes, broadcasting, and the small
// value computations (shape subgraphs) done element by element over multi-indices.
import type { Tensor } from './onnx-graph.ts';

/** Why an output's shape cannot be determined; the pass reports it and marks the output unknown. */
export class Undetermined extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'Undetermined';
  }
}

/** Shape subgraphs compute small integer tensors; larger values are not tracked. */
export const MAX_COMPUTED_VALUES = 1024;

export const ELEMENT_BYTES: Record<string, number> = {
  float32: 4, float16: 2, bfloat16: 2, float64: 8, int8: 1, uint8: 1, bool: 1, int16: 2, uint16: 2,
  int32: 4, uint32: 4, int64: 8, uint64: 8,
};

export const elementCount = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);

export const isFloatType = (elemType: string): boolean => elemType.startsWith('float') || elemType === 'bfloat16';

/** A value as stored in `elemType`: float32 rounding, integer truncation, bool as 0/1. */
export function asElement(value: number, elemType: string): number {
  if (elemType === 'bool') return value ? 1 : 0;
  if (elemType === 'float32') return Math.fround(value);
  return isFloatType(elemType) ? value : Math.trunc(value);
}

export function normalizeAxis(axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) throw new Undetermined(`axis ${axis} is out of range for rank ${rank}`);
  return a;
}

/** Numpy-style broadcasting of several shapes. */
export function broadcastDims(shapes: readonly (readonly number[])[]): number[] {
  const rank = Math.max(...shapes.map((s) => s.length));
  return Array.from({ length: rank }, (_, i) => {
    let dim = 1;
    for (const shape of shapes) {
      const d = shape[shape.length - rank + i] ?? 1;
      if (d === 1) continue;
      if (dim !== 1 && d !== dim) throw new Undetermined(`shapes [${shapes.map((s) => s.join(',')).join('] and [')}] do not broadcast`);
      dim = d;
    }
    // A 0 broadcast against 1 stays 0.
    return shapes.some((s) => s[s.length - rank + i] === 0) ? 0 : dim;
  });
}

export function stridesOf(dims: readonly number[]): number[] {
  const strides = new Array<number>(dims.length);
  let stride = 1;
  for (let i = dims.length - 1; i >= 0; i--) {
    strides[i] = stride;
    stride *= dims[i];
  }
  return strides;
}

/** Visits every multi-index of `dims` in row-major order, with its flat position. */
export function forEachIndex(dims: readonly number[], visit: (index: number[], flat: number) => void): void {
  const count = elementCount(dims);
  const index = new Array<number>(dims.length).fill(0);
  for (let flat = 0; flat < count; flat++) {
    visit(index, flat);
    for (let axis = dims.length - 1; axis >= 0; axis--) {
      if (++index[axis] < dims[axis]) break;
      index[axis] = 0;
    }
  }
}

/** Values of a tensor of `dims`, each computed from its multi-index; null when there are too many to track. */
export function valuesByIndex(dims: readonly number[], valueAt: (index: number[]) => number): number[] | null {
  if (elementCount(dims) > MAX_COMPUTED_VALUES) return null;
  const out: number[] = [];
  forEachIndex(dims, (index) => out.push(valueAt(index)));
  return out;
}

/** The flat position in `source` that a broadcast read at `index` (of a result of rank ≥ source's) lands on. */
export function broadcastOffset(source: readonly number[], strides: readonly number[], index: readonly number[]): number {
  let offset = 0;
  const shift = index.length - source.length;
  for (let i = 0; i < source.length; i++) if (source[i] !== 1) offset += index[i + shift] * strides[i];
  return offset;
}

/** Elementwise op over broadcast inputs; values only when every input's values are known and few. */
export function broadcastValues(inputs: readonly Tensor[], dims: readonly number[], elemType: string, op: (...xs: number[]) => number): number[] | null {
  if (inputs.some((t) => t.values === null)) return null;
  const strides = inputs.map((t) => stridesOf(t.dims));
  const xs = new Array<number>(inputs.length);
  return valuesByIndex(dims, (index) => {
    for (let k = 0; k < inputs.length; k++) xs[k] = (inputs[k].values as number[])[broadcastOffset(inputs[k].dims, strides[k], index)];
    return asElement(op(...xs), elemType);
  });
}

export function tensor(dims: number[], elemType: string, values: number[] | null = null): Tensor {
  return { dims, elemType, values: values !== null && values.length === elementCount(dims) ? values : null };
}
