// Latent consistency models (Luo et al. 2023): each step predicts the clean sample through the
// consistency boundary condition, then re-noises it to the next timestep with fresh noise.
import { PREDICTION_CHOICES, readConfig, warnUnsupported, type RawConfig, type Warn } from './config.ts';
import { alphasCumprod, BETA_CHOICES, BETA_DEFAULTS, type BetaConfig } from './noise-schedule.ts';
import { checkLengths, cleanEstimate, requireNoise } from './prediction.ts';
import { StepIndex } from './step-index.ts';
import type { NoiseSource, PredictionType, Scheduler, StepResult } from './types.ts';

export interface LcmConfig extends BetaConfig {
  readonly _class_name: string;
  prediction_type: PredictionType;
  /** The distilled schedule's length: inference timesteps are picked from its steps. */
  original_inference_steps: number;
  /** Scales t in the boundary condition c_skip/c_out. */
  timestep_scaling: number;
  clip_sample: boolean;
  clip_sample_range: number;
}

const DEFAULTS: Omit<LcmConfig, '_class_name'> = {
  ...BETA_DEFAULTS,
  beta_start: 0.00085,
  beta_end: 0.012,
  beta_schedule: 'scaled_linear',
  prediction_type: 'epsilon',
  original_inference_steps: 50,
  timestep_scaling: 10,
  clip_sample: false,
  clip_sample_range: 1,
};

/** σ_data of the consistency parameterisation. */
const SIGMA_DATA = 0.5;

export class LCMScheduler implements Scheduler {
  readonly name = 'lcm';
  readonly config: LcmConfig;
  readonly order = 1;
  readonly initNoiseSigma = 1;
  timesteps: Float64Array = new Float64Array(0);
  readonly #alphasCumprod: Float64Array;
  readonly #index = new StepIndex(() => this.timesteps);

  constructor(raw: RawConfig, warn?: Warn) {
    this.config = readConfig(raw, 'LCMScheduler', DEFAULTS, { ...BETA_CHOICES, ...PREDICTION_CHOICES });
    warnUnsupported(raw, 'LCMScheduler', { thresholding: false }, warn);
    this.#alphasCumprod = alphasCumprod(this.config);
  }

  setTimesteps(numInferenceSteps: number): void {
    const original = this.config.original_inference_steps;
    const trainSteps = this.config.num_train_timesteps;
    if (!Number.isInteger(original) || original < 1 || original > trainSteps) {
      throw new Error(`LCMScheduler: original_inference_steps must be an integer from 1 to ${trainSteps}`);
    }
    if (!Number.isInteger(numInferenceSteps) || numInferenceSteps < 1 || numInferenceSteps > original) {
      throw new Error(`LCM samples from 1 to ${original} steps (original_inference_steps), got ${numInferenceSteps}`);
    }
    // The distilled schedule is every k-th training step, ending at the last one; pick n of them evenly.
    const k = Math.floor(trainSteps / original);
    const stride = original / numInferenceSteps;
    this.timesteps = Float64Array.from({ length: numInferenceSteps }, (_, i) => (original - Math.floor(i * stride)) * k - 1);
    this.#index.reset();
  }

  scaleModelInput(sample: Float32Array): Float32Array {
    return sample.slice();
  }

  step(modelOutput: Float32Array, t: number, sample: Float32Array, noise?: NoiseSource): StepResult {
    checkLengths(modelOutput, sample);
    const next: number | undefined = this.timesteps[this.#index.current(t) + 1];
    const fresh =
      next === undefined ? null : requireNoise(noise, 'lcm re-noises after every step but the last').randn([sample.length]);
    const alpha = this.#alphasCumprod[t];
    const clean = cleanEstimate(this.config.prediction_type, Math.sqrt(alpha), Math.sqrt(1 - alpha));
    const scaledT = t * this.config.timestep_scaling;
    const skip = SIGMA_DATA ** 2 / (scaledT ** 2 + SIGMA_DATA ** 2);
    const out = scaledT / Math.sqrt(scaledT ** 2 + SIGMA_DATA ** 2);
    const range = this.config.clip_sample ? this.config.clip_sample_range : Infinity;
    const denoised = new Float32Array(sample.length);
    for (let j = 0; j < sample.length; j++) {
      const x0 = Math.min(Math.max(clean.x * sample[j] + clean.out * modelOutput[j], -range), range);
      denoised[j] = out * x0 + skip * sample[j];
    }
    this.#index.advance();
    if (next === undefined || fresh === null) return { prevSample: denoised.slice(), denoised };
    const alphaNext = this.#alphasCumprod[next];
    const a = Math.sqrt(alphaNext);
    const s = Math.sqrt(1 - alphaNext);
    const prevSample = new Float32Array(sample.length);
    for (let j = 0; j < sample.length; j++) prevSample[j] = a * denoised[j] + s * fresh[j];
    return { prevSample, denoised };
  }
}
