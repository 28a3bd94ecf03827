// Element types and their little-endian raw bytes, as TensorProto.raw_data and external data store them.
import { roundToHalf } from '../noise/half.ts';

export type ElemType = 'float32' | 'float16' | 'int32' | 'int64' | 'bool';

/** TensorProto.DataType codes. */
export const ONNX_DATA_TYPE: Record<ElemType, number> = { float32: 1, int32: 6, int64: 7, bool: 9, float16: 10 };

const BYTES_PER_ELEMENT: Record<ElemType, number> = { float32: 4, float16: 2, int32: 4, int64: 8, bool: 1 };

/** Values as callers have them; converted to the tensor's element type on write. */
export type TensorValues = ArrayLike<number> | BigInt64Array;

/** IEEE binary16 bit pattern of x, rounded to nearest even. */
export function halfBits(x: number): number {
  if (Number.isNaN(x)) return 0x7e00;
  const h = roundToHalf(x);
  const sign = h < 0 || Object.is(h, -0) ? 0x8000 : 0;
  const a = Math.abs(h);
  if (a === Infinity) return sign | 0x7c00;
  if (a < 2 ** -14) return sign | (a / 2 ** -24); // subnormal (or zero): exact multiple of 2^-24
  let exp = Math.floor(Math.log2(a));
  if (2 ** exp > a) exp--; // log2 may round up just below a power of two
  else if (2 ** (exp + 1) <= a) exp++;
  return sign | ((exp + 15) << 10) | ((a / 2 ** exp - 1) * 1024);
}

export function elementCount(dims: readonly number[]): number {
  return dims.reduce((n, d) => n * d, 1);
}

export function toRawBytes(values: TensorValues, type: ElemType): Uint8Array {
  const n = values.length;
  const out = new Uint8Array(n * BYTES_PER_ELEMENT[type]);
  const view = new DataView(out.buffer);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    switch (type) {
      case 'float32': view.setFloat32(i * 4, Number(v), true); break;
      case 'float16': view.setUint16(i * 2, halfBits(Number(v)), true); break;
      case 'int32': view.setInt32(i * 4, Number(v), true); break;
      case 'int64': view.setBigInt64(i * 8, BigInt(v), true); break;
      case 'bool': view.setUint8(i, v ? 1 : 0); break;
    }
  }
  return out;
}
