// DPM-Solver++ 2M (or its SDE variant) for variance-preserving models (SD 1.x/2.x, SDXL), optionally on Karras or
// exponential sigmas.
import { PREDICTION_CHOICES, readConfig, warnUnsupported, type RawConfig, type Warn } from './config.ts';
import { MultistepDpmSolver, readMultistepConfig, type MultistepConfig } from './multistep.ts';
import { alphasCumprod, BETA_CHOICES, BETA_DEFAULTS, trainingSigmas, type BetaConfig } from './noise-schedule.ts';
import { cleanEstimate, vpFromSigma, type Linear } from './prediction.ts';
import { checkStepCount, TIMESTEP_SPACINGS, type TimestepSpacing } from './spacing.ts';
import type { PredictionType } from './types.ts';
import { vpSchedule } from './vp-schedule.ts';

export interface DpmSolverConfig extends BetaConfig, MultistepConfig {
  readonly _class_name: string;
  prediction_type: PredictionType;
  timestep_spacing: TimestepSpacing;
  steps_offset: number;
  use_karras_sigmas: boolean;
  use_exponential_sigmas: boolean;
}

const DEFAULTS = {
  ...BETA_DEFAULTS,
  prediction_type: 'epsilon' as PredictionType,
  timestep_spacing: 'linspace' as TimestepSpacing,
  steps_offset: 0,
  use_karras_sigmas: false,
  use_exponential_sigmas: false,
};

export class DPMSolverMultistepScheduler extends MultistepDpmSolver<DpmSolverConfig> {
  readonly initNoiseSigma = 1;
  readonly #trainSigmas: Float64Array;

  constructor(raw: RawConfig, warn?: Warn) {
    const className = 'DPMSolverMultistepScheduler';
    const config = readConfig(raw, className, DEFAULTS, {
      ...BETA_CHOICES,
      ...PREDICTION_CHOICES,
      timestep_spacing: TIMESTEP_SPACINGS,
    });
    if (config.use_karras_sigmas && config.use_exponential_sigmas) {
      throw new Error(`${className}: use_karras_sigmas and use_exponential_sigmas exclude each other`);
    }
    warnUnsupported(
      raw,
      className,
      {
        use_beta_sigmas: false,
        use_lu_lambdas: false,
        use_flow_sigmas: false,
        use_dynamic_shifting: false,
        variance_type: null,
        lambda_min_clipped: -Infinity,
      },
      warn,
    );
    super({ ...config, ...readMultistepConfig(raw, className, warn) });
    this.#trainSigmas = trainingSigmas(alphasCumprod(config, true));
  }

  get name(): 'dpmpp-2m' | 'dpmpp-2m-karras' | 'dpmpp-2m-sde' | 'dpmpp-2m-sde-karras' {
    const karras = this.config.use_karras_sigmas;
    if (this.config.algorithm_type === 'sde-dpmsolver++') return karras ? 'dpmpp-2m-sde-karras' : 'dpmpp-2m-sde';
    return karras ? 'dpmpp-2m-karras' : 'dpmpp-2m';
  }

  setTimesteps(numInferenceSteps: number): void {
    checkStepCount(numInferenceSteps, this.config.num_train_timesteps);
    const train = this.#trainSigmas;
    const { timesteps, sigmas } = vpSchedule(this.config, train, numInferenceSteps, {
      sigmaMin: train[0],
      sigmaMax: train[train.length - 1],
      // as diffusers: Karras timesteps are rounded, except for cosine betas
      roundKarras: this.config.beta_schedule !== 'squaredcos_cap_v2',
      finalFromSchedule: false,
    });
    this.useSchedule(timesteps, sigmas);
  }

  scaleModelInput(sample: Float32Array): Float32Array {
    return sample.slice();
  }

  protected noiseLevel(s: number): { alpha: number; sigma: number } {
    return vpFromSigma(s);
  }

  protected cleanEstimate(s: number): Linear {
    const { alpha, sigma } = vpFromSigma(s);
    return cleanEstimate(this.config.prediction_type, alpha, sigma);
  }
}
