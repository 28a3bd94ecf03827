// DDIM (Song et al. 2020) with η = 0: deterministic. Each step goes to t − ⌊T/n⌋ as diffusers does, so a
// story matches diffusers from the same seed; for `linspace` spacing that is not always the next timestep
// of the schedule (diffusers' behaviour, kept on purpose).
import { PREDICTION_CHOICES, readConfig, warnUnsupported, type RawConfig, type Warn } from './config.ts';
import { alphasCumprod, BETA_CHOICES, BETA_DEFAULTS, type BetaConfig } from './noise-schedule.ts';
import { checkLengths, cleanEstimate, noiseEstimate } from './prediction.ts';
import { checkStepCount, roundHalfEven, spacedTimesteps, TIMESTEP_SPACINGS, type TimestepSpacing } from './spacing.ts';
import { StepIndex } from './step-index.ts';
import type { PredictionType, Scheduler, StepResult } from './types.ts';

export interface DdimConfig extends BetaConfig {
  readonly _class_name: string;
  prediction_type: PredictionType;
  timestep_spacing: TimestepSpacing;
  steps_offset: number;
  /** Use ᾱ = 1 after the last step (a fully clean sample); otherwise ᾱ_0. */
  set_alpha_to_one: boolean;
  clip_sample: boolean;
  clip_sample_range: number;
}

const DEFAULTS: Omit<DdimConfig, '_class_name'> = {
  ...BETA_DEFAULTS,
  prediction_type: 'epsilon',
  timestep_spacing: 'leading',
  steps_offset: 0,
  set_alpha_to_one: true,
  clip_sample: true,
  clip_sample_range: 1,
};

export class DDIMScheduler implements Scheduler {
  readonly name = 'ddim';
  readonly config: DdimConfig;
  readonly order = 1;
  readonly initNoiseSigma = 1;
  timesteps: Float64Array = new Float64Array(0);
  readonly #alphasCumprod: Float64Array;
  readonly #index = new StepIndex(() => this.timesteps);

  constructor(raw: RawConfig, warn?: Warn) {
    this.config = readConfig(raw, 'DDIMScheduler', DEFAULTS, {
      ...BETA_CHOICES,
      ...PREDICTION_CHOICES,
      timestep_spacing: TIMESTEP_SPACINGS,
    });
    warnUnsupported(raw, 'DDIMScheduler', { thresholding: false }, warn);
    this.#alphasCumprod = alphasCumprod(this.config);
  }

  setTimesteps(numInferenceSteps: number): void {
    const { num_train_timesteps: trainSteps, timestep_spacing: spacing, steps_offset: offset } = this.config;
    checkStepCount(numInferenceSteps, trainSteps);
    const timesteps = spacedTimesteps(spacing, numInferenceSteps, trainSteps, offset).map(roundHalfEven);
    if (timesteps[0] >= trainSteps) {
      throw new Error(`DDIMScheduler: steps_offset ${offset} is too large for ${numInferenceSteps} steps`);
    }
    this.timesteps = timesteps;
    this.#index.reset();
  }

  scaleModelInput(sample: Float32Array): Float32Array {
    return sample.slice();
  }

  step(modelOutput: Float32Array, t: number, sample: Float32Array): StepResult {
    checkLengths(modelOutput, sample);
    this.#index.current(t);
    const prevT = t - Math.floor(this.config.num_train_timesteps / this.timesteps.length);
    const alpha = this.#alphasCumprod[t];
    const final = this.config.set_alpha_to_one ? 1 : this.#alphasCumprod[0];
    const alphaPrev = prevT >= 0 ? this.#alphasCumprod[prevT] : final;
    const a = Math.sqrt(alpha);
    const s = Math.sqrt(1 - alpha);
    const clean = cleanEstimate(this.config.prediction_type, a, s);
    const eps = noiseEstimate(this.config.prediction_type, a, s);
    const range = this.config.clip_sample ? this.config.clip_sample_range : Infinity;
    const aPrev = Math.sqrt(alphaPrev);
    const sPrev = Math.sqrt(1 - alphaPrev);
    const prevSample = new Float32Array(sample.length);
    const denoised = new Float32Array(sample.length);
    for (let i = 0; i < sample.length; i++) {
      const x0 = Math.min(Math.max(clean.x * sample[i] + clean.out * modelOutput[i], -range), range);
      denoised[i] = x0;
      prevSample[i] = aPrev * x0 + sPrev * (eps.x * sample[i] + eps.out * modelOutput[i]);
    }
    this.#index.advance();
    return { prevSample, denoised };
  }
}
