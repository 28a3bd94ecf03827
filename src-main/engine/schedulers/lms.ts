// Linear multistep (k-diffusion's sample_lms): the step integrates the Lagrange polynomial through the last
// four slopes dx/dσ over [σ_i, σ_{i+1}]. The polynomial is cubic at most, so two-point Gauss–Legendre
// integrates it exactly (diffusers integrates it numerically with scipy to the same values).
import type { RawConfig, Warn } from './config.ts';
import { EULER_DEFAULTS, readSigmaConfig, SIGMA_FAMILY_DEFAULTS, SigmaSpaceScheduler, type SigmaFamilyConfig } from './euler.ts';
import { checkLengths } from './prediction.ts';
import type { StepResult } from './types.ts';

export type LmsConfig = SigmaFamilyConfig & { readonly _class_name: string };

const DEFAULTS = SIGMA_FAMILY_DEFAULTS;

/** diffusers' pipelines call step() with its default order. */
const ORDER = 4;

/** ∫ from a to b of a polynomial of degree ≤ 3. */
function integrateCubic(f: (x: number) => number, a: number, b: number): number {
  const half = (b - a) / 2;
  const mid = (a + b) / 2;
  const node = half / Math.sqrt(3);
  return half * (f(mid - node) + f(mid + node));
}

export class LMSDiscreteScheduler extends SigmaSpaceScheduler<LmsConfig> {
  /** dx/dσ of the latest steps, newest last. */
  #derivatives: Float32Array[] = [];

  constructor(raw: RawConfig, warn?: Warn) {
    const config = readSigmaConfig(raw, 'LMSDiscreteScheduler', DEFAULTS, warn);
    super(config, { ...EULER_DEFAULTS, ...config });
  }

  get name(): 'lms' | 'lms-karras' {
    return this.config.use_karras_sigmas ? 'lms-karras' : 'lms';
  }

  override setTimesteps(numInferenceSteps: number): void {
    super.setTimesteps(numInferenceSteps);
    this.#derivatives = [];
  }

  step(modelOutput: Float32Array, t: number, sample: Float32Array): StepResult {
    checkLengths(modelOutput, sample);
    const i = this.index.current(t);
    const { sigma, clean } = this.levels(t);
    const denoised = new Float32Array(sample.length);
    const derivative = new Float32Array(sample.length);
    for (let j = 0; j < sample.length; j++) {
      denoised[j] = clean.x * sample[j] + clean.out * modelOutput[j];
      derivative[j] = (sample[j] - denoised[j]) / sigma;
    }
    this.#derivatives = [...this.#derivatives, derivative].slice(-ORDER);
    const coefficients = this.#coefficients(i, Math.min(i + 1, ORDER));
    const prevSample = sample.slice();
    coefficients.forEach((c, k) => {
      const d = this.#derivatives[this.#derivatives.length - 1 - k];
      for (let j = 0; j < sample.length; j++) prevSample[j] += c * d[j];
    });
    this.index.advance();
    return { prevSample, denoised };
  }

  /** Weight of the slope taken k steps ago: its Lagrange basis polynomial integrated over this step. */
  #coefficients(i: number, order: number): number[] {
    const s = this.sigmas;
    return Array.from({ length: order }, (_, k) =>
      integrateCubic(
        (tau) => {
          let product = 1;
          for (let m = 0; m < order; m++) if (m !== k) product *= (tau - s[i - m]) / (s[i - k] - s[i - m]);
          return product;
        },
        s[i],
        s[i + 1],
      ),
    );
  }
}
