// DPM-Solver++ 2M for variance-preserving models (SD 1.x/2.x, SDXL), optionally on Karras or exponential sigmas.
import { PREDICTION_CHOICES, readConfig, warnUnsupported, type RawConfig, type Warn } from './config.ts';
import { MultistepDpmSolver, readMultistepConfig, type MultistepConfig } from './multistep.ts';
import { alphasCumprod, BETA_CHOICES, BETA_DEFAULTS, trainingSigmas, type BetaConfig } from './noise-schedule.ts';
import { cleanEstimate, vpFromSigma, type Linear } from './prediction.ts';
import {
  checkStepCount,
  exponentialSigmas,
  interpolate,
  karrasSigmas,
  roundHalfEven,
  sigmaToTimestep,
  spacedTimesteps,
  TIMESTEP_SPACINGS,
  type TimestepSpacing,
} from './spacing.ts';
import type { PredictionType } from './types.ts';

const f32 = Math.fround;

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

  get name(): 'dpmpp-2m' | 'dpmpp-2m-karras' {
    return this.config.use_karras_sigmas ? 'dpmpp-2m-karras' : 'dpmpp-2m';
  }

  setTimesteps(numInferenceSteps: number): void {
    const n = numInferenceSteps;
    const cfg = this.config;
    checkStepCount(n, cfg.num_train_timesteps);
    const train = this.#trainSigmas;
    let sigmas: Float64Array;
    let timesteps: Float64Array;
    if (cfg.use_karras_sigmas || cfg.use_exponential_sigmas) {
      const lo = train[0];
      const hi = train[train.length - 1];
      sigmas = cfg.use_karras_sigmas ? karrasSigmas(lo, hi, n) : exponentialSigmas(lo, hi, n);
      const logTrain = train.map(Math.log);
      // Karras timesteps are rounded to the nearest training step, except for cosine betas (as diffusers does)
      const round = cfg.use_karras_sigmas && cfg.beta_schedule !== 'squaredcos_cap_v2';
      timesteps = sigmas.map((s) => sigmaToTimestep(s, logTrain)).map((t) => (round ? roundHalfEven(t) : t));
    } else {
      // this solver spaces n+1 points and drops the cleanest, so its last step does not land on t = 0
      timesteps =
        cfg.timestep_spacing === 'trailing'
          ? spacedTimesteps('trailing', n, cfg.num_train_timesteps, 0)
          : spacedTimesteps(cfg.timestep_spacing, n + 1, cfg.num_train_timesteps, cfg.steps_offset)
              .subarray(0, n)
              .map(roundHalfEven);
      sigmas = timesteps.map((t) => interpolate(train, t));
    }
    const last = cfg.final_sigmas_type === 'zero' ? 0 : train[0];
    // timesteps are whole training steps (diffusers stores them as int64, truncating)
    this.useSchedule(timesteps.map(Math.trunc), Float64Array.from([...sigmas, last], f32));
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
