// IEEE binary16 rounding for values handed out widened to float32 (Node 22 has no Math.f16round).

const scratchF32 = new Float32Array(1);
const scratchU32 = new Uint32Array(scratchF32.buffer);

const HALF_OVERFLOW = 0x477ff000; // float32 bits of 65520, halfway past the largest half: rounds to ∞
const HALF_MIN_NORMAL = 0x38800000; // float32 bits of 2^-14
const DROPPED_BITS = 13; // float32 keeps 23 fraction bits, half 10
const TWO_POW_24 = 2 ** 24; // half subnormals are multiples of 2^-24
const TWO_POW_52 = 2 ** 52; // adding then subtracting it rounds a double to an integer, ties to even

/**
 * c10's float→Half conversion: x is first rounded to float32 (as the C++ cast from double goes through
 * float), then to the nearest half, ties to even, subnormals and overflow to ±∞ included.
 */
export function roundToHalf(x: number): number {
  scratchF32[0] = x;
  const bits = scratchU32[0];
  const sign = bits & 0x80000000;
  const abs = bits & 0x7fffffff;
  if (abs >= HALF_OVERFLOW) {
    if (abs > 0x7f800000) return NaN;
    return sign ? -Infinity : Infinity;
  }
  if (abs < HALF_MIN_NORMAL) {
    const units = Math.abs(scratchF32[0]) * TWO_POW_24;
    const rounded = (units + TWO_POW_52 - TWO_POW_52) / TWO_POW_24;
    return sign ? -rounded : rounded;
  }
  // Round away the low 13 fraction bits, ties to even; a carry into the exponent is the right result.
  const lsb = (abs >>> DROPPED_BITS) & 1;
  scratchU32[0] = sign | (((abs + 0xfff + lsb) >>> DROPPED_BITS) << DROPPED_BITS);
  return scratchF32[0];
}
