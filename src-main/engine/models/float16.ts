// IEEE binary16 bit patterns, as onnxruntime-node passes float16 tensors (Node 22 has no Float16Array).

const SIGN = 0x8000;
const HALF_INFINITY = 0x7c00;
const HALF_NAN = 0x7e00;
const FLOAT_INFINITY = 0x7f800000;
const ROUNDS_TO_INFINITY = 0x477ff000; // float32 bits of 65520: halfway past the largest half
const HALF_MIN_NORMAL = 0x38800000; // float32 bits of 2^-14
const ROUNDS_TO_ZERO = 0x33000000; // float32 bits of 2^-25: half the smallest subnormal, a tie to even zero
const EXPONENT_REBIAS = (127 - 15) << 23;
const DROPPED_BITS = 13; // float32 keeps 23 fraction bits, half 10

/** float32 bits → nearest half, ties to even, subnormals and overflow to ±∞ included. */
function halfFromFloatBits(bits: number): number {
  const sign = (bits >>> 16) & SIGN;
  const abs = bits & 0x7fffffff;
  if (abs >= FLOAT_INFINITY) return sign | (abs > FLOAT_INFINITY ? HALF_NAN : HALF_INFINITY);
  if (abs >= ROUNDS_TO_INFINITY) return sign | HALF_INFINITY;
  if (abs >= HALF_MIN_NORMAL) {
    const rebiased = abs - EXPONENT_REBIAS;
    return sign | ((rebiased + 0xfff + ((rebiased >>> DROPPED_BITS) & 1)) >>> DROPPED_BITS);
  }
  if (abs <= ROUNDS_TO_ZERO) return sign;
  // Subnormal half: the value in units of 2^-24 is the 24-bit significand shifted right by 126 - exponent.
  const significand = (abs & 0x7fffff) | 0x800000;
  const shift = 126 - (abs >>> 23);
  const units = significand >>> shift;
  const rest = significand & ((1 << shift) - 1);
  const half = 1 << (shift - 1);
  return sign | (units + (rest > half || (rest === half && units & 1) ? 1 : 0));
}

function floatFromHalfBits(h: number): number {
  const sign = h & SIGN ? -1 : 1;
  const exponent = (h >>> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

export function toHalfBits(values: Float32Array): Uint16Array {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const out = new Uint16Array(values.length);
  for (let i = 0; i < bits.length; i++) out[i] = halfFromFloatBits(bits[i]);
  return out;
}

let halfTable: Float32Array | undefined;

export function fromHalfBits(bits: Uint16Array): Float32Array {
  halfTable ??= Float32Array.from({ length: 0x10000 }, (_, h) => floatFromHalfBits(h));
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = halfTable[bits[i]];
  return out;
}
