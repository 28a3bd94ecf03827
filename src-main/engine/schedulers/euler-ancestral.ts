// Euler ancestral (k-diffusion's sample_euler_ancestral): an Euler step down to σ_down, then fresh
// noise of size σ_up, with σ_down² + σ_up² = σ_next². The noise comes from the caller's source, one
// draw per step over the whole batch, as diffusers draws it from its torch generator.
import { PREDICTION_CHOICES, readConfig, type RawConfig } from './config.ts';
import { EULER_DEFAULTS, SigmaSpaceScheduler } from './euler.ts';
import { BETA_CHOICES, BETA_DEFAULTS, type BetaConfig } from './noise-schedule.ts';
import { checkLengths, requireNoise } from './prediction.ts';
import { TIMESTEP_SPACINGS, type TimestepSpacing } from './spacing.ts';
import type { NoiseSource, PredictionType, StepResult } from './types.ts';

export interface EulerAncestralConfig extends BetaConfig {
  readonly _class_name: string;
  prediction_type: PredictionType;
  timestep_spacing: TimestepSpacing;
  steps_offset: number;
}

const DEFAULTS: Omit<EulerAncestralConfig, '_class_name'> = {
  ...BETA_DEFAULTS,
  prediction_type: 'epsilon',
  timestep_spacing: 'linspace',
  steps_offset: 0,
};

export class EulerAncestralDiscreteScheduler extends SigmaSpaceScheduler<EulerAncestralConfig> {
  readonly name = 'euler-ancestral';

  constructor(raw: RawConfig) {
    const config = readConfig(raw, 'EulerAncestralDiscreteScheduler', DEFAULTS, {
      ...BETA_CHOICES,
      ...PREDICTION_CHOICES,
      timestep_spacing: TIMESTEP_SPACINGS,
    });
    // diffusers' ancestral sampler always interpolates σ linearly at the spaced timesteps
    super(config, { ...EULER_DEFAULTS, ...config });
  }

  step(modelOutput: Float32Array, t: number, sample: Float32Array, noise?: NoiseSource): StepResult {
    checkLengths(modelOutput, sample);
    const { sigma, next, clean } = this.levels(t);
    const up = Math.sqrt((next * next * (sigma * sigma - next * next)) / (sigma * sigma));
    const down = Math.sqrt(next * next - up * up);
    const ratio = (down - sigma) / sigma;
    const fresh = requireNoise(noise, 'euler-ancestral adds noise at every step').randn([sample.length]);
    const prevSample = new Float32Array(sample.length);
    const denoised = new Float32Array(sample.length);
    for (let i = 0; i < sample.length; i++) {
      const x0 = clean.x * sample[i] + clean.out * modelOutput[i];
      denoised[i] = x0;
      prevSample[i] = sample[i] + (sample[i] - x0) * ratio + fresh[i] * up;
    }
    this.index.advance();
    return { prevSample, denoised };
  }
}
