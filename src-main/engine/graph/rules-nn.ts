// Network ops: convolutions and pooling, matrix products, resizing, normalisations.
import { ELEMENT_TYPES } from '../models/onnx-graph-io.ts';
import type { NodeView, ShapeRule } from './node-view.ts';
import type { Tensor } from './onnx-graph.ts';
import { broadcastDims, normalizeAxis, tensor, Undetermined } from './tensor-math.ts';

interface Window { kernel: number[]; strides: number[]; dilations: number[]; pads: number[]; autoPad: string }

function windowOf(n: NodeView, kernel: number[]): Window {
  const spatial = kernel.length;
  const ones = () => new Array<number>(spatial).fill(1);
  return {
    kernel,
    strides: n.ints('strides') ?? ones(),
    dilations: n.ints('dilations') ?? ones(),
    pads: n.ints('pads') ?? new Array<number>(2 * spatial).fill(0),
    autoPad: n.string('auto_pad', 'NOTSET'),
  };
}

/** Output spatial sizes of a convolution or pooling window sliding over `input`. */
function slide(input: number[], w: Window, ceil = false): number[] {
  return input.map((size, i) => {
    const extent = (w.kernel[i] - 1) * w.dilations[i] + 1;
    const stride = w.strides[i];
    if (w.autoPad === 'SAME_UPPER' || w.autoPad === 'SAME_LOWER') return Math.ceil(size / stride);
    const padded = w.autoPad === 'VALID' ? size : size + w.pads[i] + w.pads[i + input.length];
    const round = ceil ? Math.ceil : Math.floor;
    let out = round((padded - extent) / stride) + 1;
    // In ceil mode the last window must start inside the input or its leading padding.
    if (ceil && (out - 1) * stride >= size + (w.autoPad === 'VALID' ? 0 : w.pads[i])) out--;
    return out;
  });
}

const conv: ShapeRule = (n) => {
  const [x, w] = [n.input(0), n.input(1)];
  if (x.dims.length !== w.dims.length) throw new Undetermined(`input rank ${x.dims.length} and weight rank ${w.dims.length} differ`);
  const kernel = n.ints('kernel_shape') ?? w.dims.slice(2);
  return [tensor([x.dims[0], w.dims[0], ...slide(x.dims.slice(2), windowOf(n, kernel))], x.elemType)];
};

const convTranspose: ShapeRule = (n) => {
  const [x, w] = [n.input(0), n.input(1)];
  const input = x.dims.slice(2);
  const win = windowOf(n, n.ints('kernel_shape') ?? w.dims.slice(2));
  const outputPadding = n.ints('output_padding') ?? input.map(() => 0);
  const channels = w.dims[1] * n.int('group', 1);
  const given = n.ints('output_shape');
  const spatial = given
    ? given.slice(-input.length)
    : input.map((size, i) => {
      if (win.autoPad === 'SAME_UPPER' || win.autoPad === 'SAME_LOWER') return size * win.strides[i];
      const pads = win.autoPad === 'VALID' ? 0 : win.pads[i] + win.pads[i + input.length];
      return win.strides[i] * (size - 1) + outputPadding[i] + (win.kernel[i] - 1) * win.dilations[i] + 1 - pads;
    });
  return [tensor([x.dims[0], channels, ...spatial], x.elemType)];
};

const pool: ShapeRule = (n) => {
  const x = n.input(0);
  const kernel = n.ints('kernel_shape');
  if (!kernel) throw new Undetermined('no kernel_shape');
  const dims = [x.dims[0], x.dims[1], ...slide(x.dims.slice(2), windowOf(n, kernel), n.int('ceil_mode', 0) === 1)];
  return [tensor(dims, x.elemType), tensor([...dims], 'int64')]; // MaxPool's optional indices
};

const globalPool: ShapeRule = (n) => {
  const x = n.input(0);
  return [tensor([x.dims[0], x.dims[1], ...x.dims.slice(2).map(() => 1)], x.elemType)];
};

const matMul: ShapeRule = (n) => {
  const [a, b] = [n.input(0), n.input(1)];
  const left = a.dims.length === 1 ? [1, a.dims[0]] : a.dims;
  const right = b.dims.length === 1 ? [b.dims[0], 1] : b.dims;
  const [m, k] = left.slice(-2);
  const [k2, cols] = right.slice(-2);
  if (k !== k2) throw new Undetermined(`MatMul of [${a.dims.join(', ')}] and [${b.dims.join(', ')}]: inner sizes ${k} and ${k2} differ`);
  const batch = broadcastDims([left.slice(0, -2), right.slice(0, -2)]);
  const dims = [...batch, ...(a.dims.length === 1 ? [] : [m]), ...(b.dims.length === 1 ? [] : [cols])];
  return [tensor(dims, a.elemType)];
};

const gemm: ShapeRule = (n) => {
  const [a, b] = [n.input(0), n.input(1)];
  const m = n.int('transA', 0) ? a.dims[1] : a.dims[0];
  const cols = n.int('transB', 0) ? b.dims[0] : b.dims[1];
  return [tensor([m, cols], a.elemType)];
};

/** Resize (opset ≥ 11: X, roi, scales, sizes; opset 10: X, scales) and Upsample (scales as input or attribute). */
const resize: ShapeRule = (n) => {
  const x = n.input(0);
  const rank = x.dims.length;
  const scalesInput = n.node.opType === 'Upsample' || n.opset < 11 ? 1 : 2;
  const sizes = n.node.opType === 'Resize' && n.opset >= 11 ? n.optionalValues(3, 'sizes') : undefined;
  const scales = sizes ? undefined : (n.optionalValues(scalesInput, 'scales') ?? n.floats('scales'));
  const axes = (n.ints('axes') ?? x.dims.map((_, i) => i)).map((a) => normalizeAxis(a, rank));
  const dims = [...x.dims];
  if (sizes) {
    const policy = n.string('keep_aspect_ratio_policy', 'stretch');
    if (policy === 'stretch') {
      axes.forEach((axis, i) => (dims[axis] = sizes[i]));
    } else {
      const ratios = axes.map((axis, i) => sizes[i] / x.dims[axis]);
      const scale = policy === 'not_larger' ? Math.min(...ratios) : Math.max(...ratios);
      axes.forEach((axis) => (dims[axis] = Math.round(scale * x.dims[axis])));
    }
  } else if (scales) {
    axes.forEach((axis, i) => (dims[axis] = Math.floor(x.dims[axis] * scales[i])));
  } else {
    throw new Undetermined('neither scales nor sizes');
  }
  return [tensor(dims, x.elemType)];
};

/** The input's shape and type, for ops that keep them (normalisations, activations). */
export const sameAsInput: ShapeRule = (n) => {
  const x = n.input(0);
  return [tensor([...x.dims], x.elemType)];
};

/** Statistics kept per normalised group: the input's dims with the normalised ones (from `axis` on) set to 1. */
export function statistics(x: Tensor, axis: number, elemType: string): Tensor {
  const from = normalizeAxis(axis, x.dims.length);
  return tensor(x.dims.map((d, i) => (i >= from ? 1 : d)), elemType);
}

/** LayerNormalization: Y, and the optional Mean and InvStdDev in stash_type (float32 by default). */
const layerNorm: ShapeRule = (n) => {
  const x = n.input(0);
  const stats = statistics(x, n.int('axis', -1), ELEMENT_TYPES[n.int('stash_type', 1)] ?? 'float32');
  return [...sameAsInput(n), stats, stats];
};

/** BatchNormalization: Y, and in training mode the running mean and variance per channel. */
const batchNorm: ShapeRule = (n) => {
  const x = n.input(0);
  const perChannel = tensor([x.dims[1]], n.input(1).elemType);
  return [...sameAsInput(n), perChannel, perChannel];
};

export const NN_RULES: Record<string, ShapeRule> = {
  Conv: conv,
  ConvTranspose: convTranspose,
  MaxPool: pool,
  AveragePool: pool,
  LpPool: pool,
  GlobalAveragePool: globalPool,
  GlobalMaxPool: globalPool,
  GlobalLpPool: globalPool,
  MatMul: matMul,
  Gemm: gemm,
  Resize: resize,
  Upsample: resize,
  LayerNormalization: layerNorm,
  // onnxruntime registers its RMS norm in the ONNX domain: Y and the inverse RMS, shaped as LayerNormalization's.
  SimplifiedLayerNormalization: layerNorm,
  InstanceNormalization: sameAsInput,
  GroupNormalization: sameAsInput,
  BatchNormalization: batchNorm,
};
