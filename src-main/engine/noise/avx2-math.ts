// Lane-by-lane float32 emulation of the AVX2 log and sincos that torch's x86-64 CPU builds use in their
// 16-wide normal fill (avx_mathfun.h: Cephes polynomials). A libm log/sin/cos differs from them by an ulp
// or two, so matching torch bit for bit needs their exact steps, including which multiply-adds the
// compiler fused into FMAs (settled against torch's own output in ../shared/reference).

const fround = Math.fround;

/** Float32 fused multiply-add: a·b + c of float32 operands, rounded once to float32 (ties to even). */
export function fma32(a: number, b: number, c: number): number {
  const p = a * b; // exact: two 24-bit significands fit in a double
  const s = p + c;
  const r = fround(s);
  if (r === s) return r;
  // Rounding the double sum again to float32 is right unless the sum landed exactly halfway between two
  // floats; then the bits the double addition dropped decide the direction.
  const d = s - r;
  const other = r + 2 * d;
  if (fround(other) !== other) return r;
  const bb = s - p;
  const err = p - (s - bb) + (c - bb); // Knuth's TwoSum: p + c = s + err exactly
  return err === 0 || err > 0 !== d > 0 ? r : other;
}

const scratchF32 = new Float32Array(1);
const scratchU32 = new Uint32Array(scratchF32.buffer);

const SQRTHF = fround(Math.SQRT1_2);
const LOG_P = [
  7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1,
  2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
].map(fround);
const LOG_Q1 = fround(-2.1219444e-4);
const LOG_Q2 = 0.693359375; // ln 2 split: Q2 + Q1 ≈ ln 2, Q2 short enough that e·Q2 is exact

/** log256_ps for one lane, x a positive normal float32 (torch only passes values in [2^-24, 1]). */
export function logAvx(x: number): number {
  scratchF32[0] = x;
  const bits = scratchU32[0];
  let e = (bits >>> 23) - 126; // unbiased exponent + 1, for a mantissa taken in [0.5, 1)
  scratchU32[0] = (bits & 0x807fffff) | 0x3f000000;
  const m = scratchF32[0];
  // Both forms are exact in float32 (Sterbenz), so no rounding is needed here.
  let t: number;
  if (m < SQRTHF) {
    e -= 1;
    t = 2 * m - 1;
  } else {
    t = m - 1;
  }
  const z = fround(t * t);
  let y = LOG_P[0];
  for (let k = 1; k < LOG_P.length; k++) y = fma32(y, t, LOG_P[k]);
  y = fround(y * t);
  y = fma32(y, z, fround(e * LOG_Q1)); // of the two products, the compiler fuses y·z
  y = fround(y - z * 0.5); // z·0.5 is exact, so fused or not it rounds once
  return fround(fround(t + y) + e * LOG_Q2); // e·Q2 is exact, so this add is the fused one's result
}

const FOPI = fround(4 / Math.PI);
const DP1 = -0.78515625; // π/4 split in three; j·DP1 and j·DP2 are exact for the small j seen here
const DP2 = -2.4187564849853515625e-4;
const DP3 = fround(-3.774894977445941e-8);
const SIN_P = [-1.9515295891e-4, 8.3321608736e-3, -1.6666654611e-1].map(fround);
const COS_P = [2.443315711809948e-5, -1.388731625493765e-3, 4.166664568298827e-2].map(fround);

export interface SinCos {
  sin: number;
  cos: number;
}

/** sincos256_ps for one lane, x a non-negative float32 (torch passes angles in [0, 2π)). */
export function sinCosAvx(x: number, out: SinCos): void {
  let j = Math.trunc(fround(x * FOPI));
  j = (j + 1) & ~1; // octant, rounded up to even as Cephes does
  let r = fround(x + j * DP1);
  r = fround(r + j * DP2);
  r = fma32(j, DP3, r);
  const z = fround(r * r);

  let c = fma32(COS_P[0], z, COS_P[1]);
  c = fma32(c, z, COS_P[2]);
  c = fround(c * z);
  c = fma32(c, z, -z * 0.5);
  c = fround(c + 1);

  let s = fma32(SIN_P[0], z, SIN_P[1]);
  s = fma32(s, z, SIN_P[2]);
  s = fround(s * z);
  s = fma32(s, r, r);

  const useSinPoly = (j & 2) === 0;
  const sinValue = useSinPoly ? s : c;
  const cosValue = useSinPoly ? c : s;
  out.sin = (j & 4) !== 0 ? -sinValue : sinValue;
  out.cos = (~(j - 2) & 4) !== 0 ? -cosValue : cosValue;
}
