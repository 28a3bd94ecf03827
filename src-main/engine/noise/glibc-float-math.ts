// logf, sinf and cosf as glibc (2.28 and later) computes them on x86-64. torch's half normal fill calls
// these float functions; they are within an ulp but not correctly rounded, and near a rounding boundary
// the result decides the half value, so Math.log/sin/cos rounded to float would be off now and then.
// Algorithms and constants are those of Arm's optimized-routines, which glibc adopted: work in double
// with a short polynomial, round to float once at the end.

const fround = Math.fround;
const scratchF32 = new Float32Array(1);
const scratchU32 = new Uint32Array(scratchF32.buffer);

function floatBits(x: number): number {
  scratchF32[0] = x;
  return scratchU32[0];
}

// logf: x = 2^k·z with z in [OFF, 2·OFF); z is divided by a table point c near it, so that
// log x = k·ln2 + log c + log1p(z/c − 1), and log1p of the small remainder is a cubic.
const LOG_OFF = 0x3f330000;
const LOG_TABLE_BITS = 4;
const LOG_INVC = [
  1.398907162146528, 1.3403141896637998, 1.286432210124115, 1.2367150214269895, 1.1906977166711752,
  1.1479821020556429, 1.1082251448272158, 1.0711297413057381, 1.036437278977283, 1,
  0.9492859795739057, 0.8951049428609004, 0.8476821620351103, 0.8050314851692001,
  0.7664671008843108, 0.731428603316328,
];
const LOG_LOGC = [
  -0.33569133332882284, -0.2929040563774074, -0.2518726580937369, -0.21245868807117255,
  -0.17453945183745634, -0.1380057072319758, -0.10275976698545139, -0.06871392447020525,
  -0.0357891387398228, 0, 0.05204517742929496, 0.11081431298787942, 0.1652495223695143,
  0.21687389031699977, 0.2659635028121397, 0.3127556664073557,
];
const LN2 = 0.6931471805599453;
const LOG_A0 = -0.25089342214237154;
const LOG_A1 = 0.333456765744066;
const LOG_A2 = -0.4999997485802103;

/** glibc logf for a positive normal float32 x (torch passes 1 − u, u a uniform in [0, 1)). */
export function glibcLogf(x: number): number {
  const ix = floatBits(x);
  if (ix === 0x3f800000) return 0;
  const tmp = (ix - LOG_OFF) >>> 0;
  const i = (tmp >>> (23 - LOG_TABLE_BITS)) & ((1 << LOG_TABLE_BITS) - 1);
  const k = (tmp | 0) >> 23; // signed: the exponent relative to OFF's
  scratchU32[0] = (ix - (tmp & 0xff800000)) >>> 0;
  const z = scratchF32[0];
  const r = z * LOG_INVC[i] - 1;
  const y0 = LOG_LOGC[i] + k * LN2;
  const r2 = r * r;
  let y = LOG_A1 * r + LOG_A2;
  y = LOG_A0 * r2 + y;
  y = y * r2 + (y0 + r);
  return fround(y);
}

// sinf/cosf: reduce by the nearest multiple n of π/2, then a degree-7 sine or degree-8 cosine
// polynomial; the quadrant picks the polynomial and the sign (the second table negates the cosine).
const HPI_INV = 10680707.430881744; // 2/π · 2^24: the quadrant is rounded in 8.24 fixed point
const HPI = 1.5707963267948966;
const QUADRANT_SIGN = [1, -1, -1, 1];
const COS_C = [
  [1, -0.49999999725108224, 0.041666623324344516, -0.001388676379437604, 2.4390450703564542e-05],
  [-1, 0.49999999725108224, -0.041666623324344516, 0.001388676379437604, -2.4390450703564542e-05],
];
const SIN_S1 = -0.16666654943701084;
const SIN_S2 = 0.008332178146138854;
const SIN_S3 = -0.00019517298981385725;
// glibc compares the top 12 bits of the float encoding (exponent and 3 mantissa bits), not the values.
const SMALL_TOP12 = floatBits(Math.PI / 4) >>> 20;
const TINY_TOP12 = floatBits(2 ** -12) >>> 20;
const REDUCE_FAST_TOP12 = floatBits(120) >>> 20;

function poly(x: number, x2: number, table: number, n: number): number {
  if ((n & 1) === 0) {
    const x3 = x * x2;
    const s1 = SIN_S2 + x2 * SIN_S3;
    const x7 = x3 * x2;
    const s = x + x3 * SIN_S1;
    return fround(s + x7 * s1);
  }
  const c = COS_C[table];
  const x4 = x2 * x2;
  const c2 = c[3] + x2 * c[4];
  const c1 = c[0] + x2 * c[1];
  const x6 = x4 * x2;
  const cc = c1 + x4 * c[2];
  return fround(cc + x6 * c2);
}

function sinCos(y: number, cosine: boolean): number {
  const top12 = (floatBits(y) >>> 20) & 0x7ff;
  if (top12 < SMALL_TOP12) {
    if (top12 < TINY_TOP12) return cosine ? 1 : y;
    return poly(y, y * y, 0, cosine ? 1 : 0);
  }
  if (top12 >= REDUCE_FAST_TOP12) throw new RangeError(`argument ${y} outside the supported |x| < 120`);
  const n = (Math.trunc(y * HPI_INV) + 0x800000) >> 24;
  const x = y - n * HPI;
  const s = QUADRANT_SIGN[n & 3];
  return poly(x * s, x * x, n & 2 ? 1 : 0, cosine ? n ^ 1 : n);
}

/** glibc sinf for a float32 |y| < 120 (torch passes angles in [0, 2π)). */
export function glibcSinf(y: number): number {
  return sinCos(y, false);
}

/** glibc cosf for a float32 |y| < 120. */
export function glibcCosf(y: number): number {
  return sinCos(y, true);
}
