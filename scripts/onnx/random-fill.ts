// Random tensor contents described rather than held: a seed, a standard deviation and a mean. The values are
// made when the tensor is written, in fixed-size chunks each seeded from (seed, chunk index), so any range of
// chunks can be made on its own — by worker threads writing a multi-gigabyte weights file in parallel — and the
// bytes never depend on how the work was split. Uniform values (one generator step each: fast), scaled to `std`.
import { toHalfBits } from '../../src-main/engine/models/float16.ts';

export interface RandomFill {
  readonly seed: number;
  /** standard deviation of the values */
  readonly std: number;
  readonly mean: number;
}

/** Elements per independently seeded chunk. */
export const FILL_CHUNK = 1 << 16;
const UNIFORM_SCALE = 2 * Math.sqrt(3) / 2 ** 32; // u in [0, 2^32) → (u·scale − √3) has unit variance

/** A 32-bit mix of two integers (murmur3's finaliser over a combined word). */
export function mixSeed(a: number, b: number): number {
  let h = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(b, 0xc2b2ae35)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Values [start, start + count) of the fill as float32; `start` must be a multiple of FILL_CHUNK. */
export function fillValues(fill: RandomFill, start: number, count: number): Float32Array {
  if (start % FILL_CHUNK !== 0) throw new Error(`fill start ${start} is not a multiple of ${FILL_CHUNK}`);
  const out = new Float32Array(count);
  const scale = fill.std * UNIFORM_SCALE;
  const offset = fill.mean - fill.std * Math.sqrt(3);
  for (let i = 0; i < count; i += FILL_CHUNK) {
    // mulberry32 per chunk
    let state = mixSeed(fill.seed, (start + i) / FILL_CHUNK);
    const end = Math.min(count, i + FILL_CHUNK);
    for (let j = i; j < end; j++) {
      state = (state + 0x6d2b79f5) | 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      out[j] = ((t ^ (t >>> 14)) >>> 0) * scale + offset;
    }
  }
  return out;
}

/** The same range as little-endian float32 or float16 bytes. */
export function fillBytes(fill: RandomFill, start: number, count: number, type: 'float32' | 'float16'): Uint8Array {
  const values = fillValues(fill, start, count);
  const typed = type === 'float16' ? toHalfBits(values) : values;
  return new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength);
}

export function isRandomFill(value: unknown): value is RandomFill {
  return typeof value === 'object' && value !== null && 'seed' in value && 'std' in value;
}
