// What the model predicts, turned into estimates of the clean sample x₀ and of the noise ε.
// With x_t = α·x₀ + σ·ε (variance preserving), every parameterisation gives both estimates as
// linear combinations of the sample and the model output, so each step computes two coefficients
// once and then runs one elementwise loop.
import type { NoiseSource, PredictionType } from './types.ts';

export interface Linear {
  /** coefficient of the sample */
  x: number;
  /** coefficient of the model output */
  out: number;
}

/** x₀ from a model output at noise level (α, σ). */
export function cleanEstimate(prediction: PredictionType, alpha: number, sigma: number): Linear {
  switch (prediction) {
    case 'epsilon':
      return { x: 1 / alpha, out: -sigma / alpha };
    case 'v_prediction':
      return { x: alpha, out: -sigma };
    case 'sample':
      return { x: 0, out: 1 };
  }
}

/** ε from a model output at noise level (α, σ). */
export function noiseEstimate(prediction: PredictionType, alpha: number, sigma: number): Linear {
  switch (prediction) {
    case 'epsilon':
      return { x: 0, out: 1 };
    case 'v_prediction':
      return { x: sigma, out: alpha };
    case 'sample':
      return { x: 1 / sigma, out: -alpha / sigma };
  }
}

/** The (α, σ) of a variance-preserving sample whose σ-space noise level (σ/α) is `s`. */
export function vpFromSigma(s: number): { alpha: number; sigma: number } {
  const alpha = 1 / Math.sqrt(s * s + 1);
  return { alpha, sigma: s * alpha };
}

/** x₀ for a sample kept in σ-space (x = x_vp/α, as Euler samplers hold it) at noise level σ. */
export function cleanEstimateSigmaSpace(prediction: PredictionType, s: number): Linear {
  const { alpha, sigma } = vpFromSigma(s);
  const c = cleanEstimate(prediction, alpha, sigma);
  return { x: c.x * alpha, out: c.out };
}

/** a·x + b·y elementwise, stored as float32. */
export function combine(a: number, x: Float32Array, b: number, y: Float32Array): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = a * x[i] + b * y[i];
  return out;
}

export function scaled(x: Float32Array, factor: number): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i] * factor;
  return out;
}

export function checkLengths(modelOutput: Float32Array, sample: Float32Array): void {
  if (modelOutput.length !== sample.length) {
    throw new Error(`model output has ${modelOutput.length} values but the sample has ${sample.length}`);
  }
}

export function requireNoise(noise: NoiseSource | undefined, why: string): NoiseSource {
  if (!noise) throw new Error(`${why}: pass a NoiseSource to step()`);
  return noise;
}
