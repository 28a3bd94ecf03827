// Elementwise ops: same-shape unary ops, broadcasting binary and variadic ops, Where, Cast. Values are
// computed for the ones shape subgraphs use (arithmetic, comparisons, rounding, Cast).
import { ELEMENT_TYPES } from '../models/onnx-graph-io.ts';
import type { NodeView, ShapeRule } from './node-view.ts';
import type { Tensor } from './onnx-graph.ts';
import { asElement, broadcastDims, broadcastValues, isFloatType, tensor, Undetermined } from './tensor-math.ts';

type Fn = (...xs: number[]) => number;

/** Unary ops whose output has the input's shape and type; with a function where values are worth computing. */
const UNARY: Record<string, Fn | null> = {
  Identity: (x) => x, Neg: (x) => -x, Abs: Math.abs, Floor: Math.floor, Ceil: Math.ceil, Round: roundHalfEven,
  Sqrt: Math.sqrt, Reciprocal: (x) => 1 / x, Relu: (x) => Math.max(x, 0), Sign: Math.sign, Exp: Math.exp, Log: Math.log,
  Erf: null, Tanh: null, Sigmoid: null, Sin: null, Cos: null, Tan: null, Atan: null, Asin: null, Acos: null,
  Sinh: null, Cosh: null, Softplus: null, Softsign: null, LeakyRelu: null, Elu: null, Selu: null, Celu: null,
  Gelu: null, HardSigmoid: null, HardSwish: null, Mish: null, ThresholdedRelu: null, Shrink: null,
  Softmax: null, LogSoftmax: null, Hardmax: null, LRN: null, CumSum: null, Trilu: null, Clip: null,
  MeanVarianceNormalization: null,
};

/** Unary ops answering with booleans. */
const UNARY_BOOL: Record<string, Fn | null> = { Not: (x) => (x ? 0 : 1), IsNaN: null, IsInf: null };

/** Broadcasting ops whose output takes the first input's type. */
const ARITHMETIC: Record<string, (elemType: string) => Fn | null> = {
  Add: () => (a, b) => a + b,
  Sub: () => (a, b) => a - b,
  Mul: () => (a, b) => a * b,
  // Integer division truncates, as onnxruntime's kernels do.
  Div: (t) => (isFloatType(t) ? (a, b) => a / b : (a, b) => Math.trunc(a / b)),
  Pow: () => (a, b) => a ** b,
  Mod: () => null, // its sign rule depends on `fmod`; no shape subgraph we know needs its values
  PRelu: () => null,
  BitShift: () => null,
};

const VARIADIC: Record<string, Fn | null> = {
  Max: Math.max, Min: Math.min, Sum: (...xs) => xs.reduce((a, b) => a + b, 0), Mean: null,
};

const COMPARISON: Record<string, Fn> = {
  Equal: (a, b) => +(a === b), Less: (a, b) => +(a < b), Greater: (a, b) => +(a > b),
  LessOrEqual: (a, b) => +(a <= b), GreaterOrEqual: (a, b) => +(a >= b),
  And: (a, b) => +(a && b), Or: (a, b) => +(a || b), Xor: (a, b) => +(!a !== !b),
};

/** Round half to even, as ONNX Round does. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function unary(fn: Fn | null, elemType?: string): ShapeRule {
  return (n) => {
    const x = n.input(0);
    const type = elemType ?? x.elemType;
    const values = fn && x.values ? x.values.map((v) => asElement(fn(v), type)) : null;
    return [tensor([...x.dims], type, values)];
  };
}

function broadcast(inputs: Tensor[], elemType: string, fn: Fn | null): Tensor {
  const dims = broadcastDims(inputs.map((t) => t.dims));
  return tensor(dims, elemType, fn ? broadcastValues(inputs, dims, elemType, fn) : null);
}

const where: ShapeRule = (n) => {
  const [condition, x, y] = [n.input(0), n.input(1), n.input(2)];
  return [broadcast([condition, x, y], x.elemType, (c, a, b) => (c ? a : b))];
};

/** Cast's `to` is a TensorProto.DataType code; CastLike takes the second input's type. */
const cast: ShapeRule = (n) => {
  const to = n.node.opType === 'CastLike' ? n.input(1).elemType : ELEMENT_TYPES[n.int('to', 0)];
  if (!to) throw new Undetermined(`Cast to element type ${n.int('to', 0)} is not known`);
  return unary((x) => x, to)(n);
};

/** Dropout (inference): the input, and a boolean mask of its shape. */
const dropout: ShapeRule = (n) => {
  const x = n.input(0);
  return [tensor([...x.dims], x.elemType, x.values), tensor([...x.dims], 'bool')];
};

export const ELEMENTWISE_RULES: Record<string, ShapeRule> = {
  ...Object.fromEntries(Object.entries(UNARY).map(([op, fn]) => [op, unary(fn)])),
  ...Object.fromEntries(Object.entries(UNARY_BOOL).map(([op, fn]) => [op, unary(fn, 'bool')])),
  ...Object.fromEntries(Object.entries(ARITHMETIC).map(([op, fn]) => [op, (n: NodeView) => [broadcast([n.input(0), n.input(1)], n.input(0).elemType, fn(n.input(0).elemType))]])),
  ...Object.fromEntries(Object.entries(VARIADIC).map(([op, fn]) => [op, (n: NodeView) => [broadcast(n.present(), n.input(0).elemType, fn)]])),
  ...Object.fromEntries(Object.entries(COMPARISON).map(([op, fn]) => [op, (n: NodeView) => [broadcast([n.input(0), n.input(1)], 'bool', fn)]])),
  Where: where,
  Cast: cast,
  CastLike: cast,
  Dropout: dropout,
};
