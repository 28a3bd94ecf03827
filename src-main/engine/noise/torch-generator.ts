// A CPU random generator that reproduces torch.Generator().manual_seed(seed) + torch.randn(..., generator=g)
// as torch's x86-64 CPU kernels compute it, so one seed gives the same starting noise as diffusers.
import type { NoiseMode } from '../../../src-shared/domain/index.ts';
import { logAvx, sinCosAvx, type SinCos } from './avx2-math.ts';
import { glibcCosf, glibcLogf, glibcSinf } from './glibc-float-math.ts';
import { roundToHalf } from './half.ts';
import { Mt19937 } from './mt19937.ts';

export type { NoiseMode };

// torch's normal fill works on blocks of 16: 8 Box–Muller pairs, the first half of the block feeding
// the radii and the second half the angles.
const BLOCK = 16;
const HALF_BLOCK = BLOCK / 2;
// Uniforms keep as many random bits as the type's significand: 24 for float32, 11 for half, 53 for double.
const FLOAT_BITS_MASK = 0xffffff;
const FLOAT_UNIFORM_SCALE = 2 ** -24;
const HALF_BITS_MASK = 0x7ff;
const HALF_UNIFORM_SCALE = 2 ** -11;
const DOUBLE_HIGH_MASK = 0x1fffff; // the 53 - 32 bits taken from the first word of a 64-bit draw
const DOUBLE_UNIFORM_SCALE = 2 ** -53;
const TWO_POW_32 = 2 ** 32;
const TWO_PI = 2 * Math.PI;
const TWO_PI_F32 = Math.fround(TWO_PI); // the AVX2 kernel multiplies by 2π rounded to float
const fround = Math.fround;

export class TorchGenerator {
  private readonly engine: Mt19937;
  // The double Box–Muller path makes two normals per pair of uniforms; torch keeps the second (the sine
  // one) on the generator and hands it out on the next scalar draw, even across randn calls.
  private cachedNormal: number | undefined;
  private readonly sinCos: SinCos = { sin: 0, cos: 0 };

  /** Like torch.Generator().manual_seed(seed): the engine is seeded with the seed's low 32 bits. */
  constructor(seed: number | bigint) {
    if (typeof seed === 'number' && !Number.isSafeInteger(seed)) {
      throw new RangeError(`seed must be a safe integer (pass a bigint for larger ones), got ${seed}`);
    }
    // torch takes the seed as an unsigned 64-bit value (negative seeds wrap), then keeps its low 32 bits.
    this.engine = new Mt19937(Number(BigInt.asUintN(32, BigInt(seed))));
  }

  /**
   * torch.randn(shape, generator=g, dtype) on CPU: a new contiguous tensor, values in row-major order.
   * 'float32' is dtype=torch.float32; 'float16' is dtype=torch.float16 as torch 2.13 draws it, and
   * 'float16-torch1' as torch 1.13 did. Half values come back widened to float32, exactly.
   */
  randn(shape: readonly number[], mode: NoiseMode = 'float32'): Float32Array {
    const out = new Float32Array(numel(shape));
    // torch fills contiguous tensors of 16+ elements block-wise; smaller ones go element by element
    // through the double sampler and are cast (Half's cast goes through float).
    if (out.length < BLOCK) {
      const cast = mode === 'float32' ? fround : roundToHalf;
      for (let i = 0; i < out.length; i++) out[i] = cast(this.doubleNormal());
    } else if (mode === 'float32') {
      this.fillFloat32(out, out.length);
    } else if (mode === 'float16') {
      // torch 2 computes half noise with the float32 kernel, 16 values at a time, and stores it as half; the
      // last, partial block is drawn whole and its 16 values go to the last 16 positions. So unlike the
      // float32 fill no uniforms are drawn for the leftover positions before the tail is redrawn.
      this.fillFloat32(out, out.length - (out.length % BLOCK));
      for (let i = 0; i < out.length; i++) out[i] = roundToHalf(out[i]);
    } else {
      this.fillHalf(out);
    }
    return out;
  }

  private doubleNormal(): number {
    if (this.cachedNormal !== undefined) {
      const cached = this.cachedNormal;
      this.cachedNormal = undefined;
      return cached;
    }
    const u1 = this.doubleUniform();
    const u2 = this.doubleUniform();
    const radius = Math.sqrt(-2 * Math.log1p(-u2));
    const theta = TWO_PI * u1;
    this.cachedNormal = radius * Math.sin(theta);
    return radius * Math.cos(theta);
  }

  private doubleUniform(): number {
    // A 64-bit draw is (first word << 32) | second word; the uniform keeps its low 53 bits.
    const high = this.engine.nextUint32() & DOUBLE_HIGH_MASK;
    const low = this.engine.nextUint32();
    return (high * TWO_POW_32 + low) * DOUBLE_UNIFORM_SCALE;
  }

  private fillUniform(data: Float32Array, from: number, to: number, mask: number, scale: number): void {
    for (let i = from; i < to; i++) data[i] = (this.engine.nextUint32() & mask) * scale;
  }

  // torch draws `upfront` uniforms first (all of them for float32), transforms each full block of 16, and
  // when the size is not a multiple of 16 draws 16 fresh uniforms for the last 16 positions and transforms
  // them again (overwriting the tail of the last full block along with the leftover elements).
  private fillFloat32(data: Float32Array, upfront: number): void {
    const n = data.length;
    this.fillUniform(data, 0, upfront, FLOAT_BITS_MASK, FLOAT_UNIFORM_SCALE);
    for (let i = 0; i + BLOCK <= n; i += BLOCK) this.boxMullerFloat32(data, i);
    if (n % BLOCK !== 0) {
      this.fillUniform(data, n - BLOCK, n, FLOAT_BITS_MASK, FLOAT_UNIFORM_SCALE);
      this.boxMullerFloat32(data, n - BLOCK);
    }
  }

  /** torch 1.13's half fill: the same scheme instantiated for half throughout. */
  private fillHalf(data: Float32Array): void {
    const n = data.length;
    this.fillUniform(data, 0, n, HALF_BITS_MASK, HALF_UNIFORM_SCALE);
    for (let i = 0; i + BLOCK <= n; i += BLOCK) boxMullerHalf(data, i);
    if (n % BLOCK !== 0) {
      this.fillUniform(data, n - BLOCK, n, HALF_BITS_MASK, HALF_UNIFORM_SCALE);
      boxMullerHalf(data, n - BLOCK);
    }
  }

  /** normal_fill_16_AVX2, one lane at a time, every float32 rounding in the kernel's order. */
  private boxMullerFloat32(data: Float32Array, start: number): void {
    const sc = this.sinCos;
    for (let j = start; j < start + HALF_BLOCK; j++) {
      const u1 = 1 - data[j]; // [0, 1) -> (0, 1] so the log is finite; exact in float32
      const radius = fround(Math.sqrt(-2 * logAvx(u1)));
      sinCosAvx(fround(TWO_PI_F32 * data[j + HALF_BLOCK]), sc);
      // The kernel ends with fma(n, std, mean) = fma(n, 1, 0): the same value, except −0 becomes +0.
      data[j] = fround(radius * sc.cos) + 0;
      data[j + HALF_BLOCK] = fround(radius * sc.sin) + 0;
    }
  }
}

/**
 * The generic normal_fill_16 instantiated for c10::Half: operands are halves, but Half arithmetic with
 * float (libm's logf, sqrtf, cosf, sinf, the products) runs in float32 and only the stores round to half.
 */
function boxMullerHalf(data: Float32Array, start: number): void {
  for (let j = start; j < start + HALF_BLOCK; j++) {
    const u1 = 1 - data[j]; // exact in half
    const radius = roundToHalf(Math.sqrt(-2 * glibcLogf(u1))); // the double sqrt rounds like sqrtf
    const theta = roundToHalf(TWO_PI * data[j + HALF_BLOCK]); // double product, cast via float to half
    data[j] = roundToHalf(radius * glibcCosf(theta));
    data[j + HALF_BLOCK] = roundToHalf(radius * glibcSinf(theta));
  }
}

function numel(shape: readonly number[]): number {
  let n = 1;
  for (const dim of shape) {
    if (!Number.isSafeInteger(dim) || dim < 0) throw new RangeError(`invalid dimension ${dim} in shape [${shape.join(', ')}]`);
    n *= dim;
  }
  return n;
}
