// Crossing the session boundary: the story sampler works in float32; each graph value gets its own element type.
import { Tensor } from 'onnxruntime-node';
import type { FloatType } from './component-io.ts';
import { fromHalfBits, toHalfBits } from './float16.ts';

export function floatTensor(values: Float32Array, type: FloatType, dims: readonly number[]): Tensor {
  return type === 'float32' ? new Tensor('float32', values, dims) : new Tensor('float16', toHalfBits(values), dims);
}

export function readFloats(tensor: Tensor, source: string): Float32Array {
  if (tensor.type === 'float32') return tensor.data as Float32Array;
  if (tensor.type === 'float16') return fromHalfBits(tensor.data as Uint16Array);
  throw new Error(`${source}: expected a float32 or float16 output, got ${tensor.type}`);
}
