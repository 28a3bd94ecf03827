// Heun's method (Karras et al. 2022, algorithm 1 without churn): an Euler step to the next σ, then the model
// again there, and the step redone with the mean of both slopes. diffusers lists every timestep after the
// first twice, one model call per entry, so a run of n steps makes 2n − 1 calls.
import type { RawConfig, Warn } from './config.ts';
import { EULER_DEFAULTS, readSigmaConfig, SD_BETAS, SIGMA_FAMILY_DEFAULTS, SigmaSpaceScheduler, type SigmaFamilyConfig } from './euler.ts';
import { checkLengths, cleanEstimateSigmaSpace } from './prediction.ts';
import type { StepResult } from './types.ts';

export interface HeunConfig extends SigmaFamilyConfig {
  readonly _class_name: string;
  clip_sample: boolean;
  clip_sample_range: number;
}

const DEFAULTS: Omit<HeunConfig, '_class_name'> = {
  ...SIGMA_FAMILY_DEFAULTS,
  ...SD_BETAS,
  clip_sample: false,
  clip_sample_range: 1,
};

/** Each entry after the first twice: [a, b, c] → [a, b, b, c, c]. */
export function repeatAfterFirst(values: ArrayLike<number>): number[] {
  return Array.from(values).flatMap((v, i) => (i === 0 ? [v] : [v, v]));
}

export class HeunDiscreteScheduler extends SigmaSpaceScheduler<HeunConfig> {
  /** The first half of the step in progress: its slope, its σ change and the sample it started from. */
  #pending: { derivative: Float32Array; dt: number; sample: Float32Array } | null = null;

  constructor(raw: RawConfig, warn?: Warn) {
    const config = readSigmaConfig(raw, 'HeunDiscreteScheduler', DEFAULTS, warn);
    super(config, { ...EULER_DEFAULTS, ...config });
  }

  get name(): 'heun' | 'heun-karras' {
    return this.config.use_karras_sigmas ? 'heun-karras' : 'heun';
  }

  override setTimesteps(numInferenceSteps: number): void {
    super.setTimesteps(numInferenceSteps);
    const sigmas = this.sigmas;
    this.timesteps = Float64Array.from(repeatAfterFirst(this.timesteps));
    // the final σ = 0 once: the last entry is a plain Euler step
    this.sigmas = Float64Array.from([...repeatAfterFirst(sigmas.subarray(0, -1)), 0]);
    this.#pending = null;
  }

  step(modelOutput: Float32Array, t: number, sample: Float32Array): StepResult {
    checkLengths(modelOutput, sample);
    const i = this.index.current(t);
    const pending = this.#pending;
    const sigma = this.sigmas[pending ? i - 1 : i];
    const next = this.sigmas[pending ? i : i + 1];
    const at = pending ? next : sigma; // the level of the sample the model saw
    const clean = cleanEstimateSigmaSpace(this.config.prediction_type, at);
    const range = this.config.clip_sample ? this.config.clip_sample_range : Infinity;
    const denoised = new Float32Array(sample.length);
    const derivative = new Float32Array(sample.length);
    for (let j = 0; j < sample.length; j++) {
      denoised[j] = Math.min(Math.max(clean.x * sample[j] + clean.out * modelOutput[j], -range), range);
      derivative[j] = (sample[j] - denoised[j]) / at;
    }
    const prevSample = new Float32Array(sample.length);
    if (pending) {
      for (let j = 0; j < sample.length; j++) {
        prevSample[j] = pending.sample[j] + ((pending.derivative[j] + derivative[j]) / 2) * pending.dt;
      }
      this.#pending = null;
    } else {
      const dt = next - sigma;
      for (let j = 0; j < sample.length; j++) prevSample[j] = sample[j] + derivative[j] * dt;
      this.#pending = { derivative, dt, sample: sample.slice() };
    }
    this.index.advance();
    return { prevSample, denoised };
  }
}
