// Euler discrete (Karras et al. 2022, algorithm 2 without churn), and the σ-space machinery it shares
// with Euler ancestral, Heun, LMS and KDPM2: samples live at scale σ (x = x₀ + σ·ε), the model sees x/√(σ²+1).
import { PREDICTION_CHOICES, readConfig, warnUnsupported, type RawConfig, type Warn } from './config.ts';
import { alphasCumprod, BETA_CHOICES, BETA_DEFAULTS, trainingSigmas, type BetaConfig } from './noise-schedule.ts';
import { checkLengths, cleanEstimateSigmaSpace, scaled, type Linear } from './prediction.ts';
import {
  exponentialSigmas,
  interpolate,
  karrasSigmas,
  linspace,
  logSigmas,
  checkStepCount,
  roundHalfEven,
  sigmaToTimestep,
  spacedTimesteps,
  TIMESTEP_SPACINGS,
  type TimestepSpacing,
} from './spacing.ts';
import { StepIndex } from './step-index.ts';
import type { NoiseSource, PredictionType, Scheduler, SchedulerConfig, SchedulerName, StepResult } from './types.ts';

const f32 = Math.fround;

export interface SigmaScheduleConfig extends SigmaFamilyConfig {
  interpolation_type: 'linear' | 'log_linear';
  sigma_min: number | null;
  sigma_max: number | null;
  timestep_type: 'discrete' | 'continuous';
  final_sigmas_type: 'zero' | 'sigma_min';
}

export type EulerConfig = SigmaScheduleConfig & { readonly _class_name: string };

/** The keys every Euler-family class reads besides its own. */
export interface SigmaFamilyConfig extends BetaConfig {
  prediction_type: PredictionType;
  timestep_spacing: TimestepSpacing;
  steps_offset: number;
  use_karras_sigmas: boolean;
  use_exponential_sigmas: boolean;
}

/** An Euler-family config: schedule keys checked, Karras and exponential σ exclusive, beta σ warned and ignored. */
export function readSigmaConfig<T extends SigmaFamilyConfig>(
  raw: RawConfig,
  className: string,
  defaults: T,
  warn: Warn | undefined,
  choices: { readonly [K in keyof T]?: readonly string[] } = {},
): T & { readonly _class_name: string } {
  const config = readConfig(raw, className, defaults, {
    ...BETA_CHOICES,
    ...PREDICTION_CHOICES,
    timestep_spacing: TIMESTEP_SPACINGS,
    ...choices,
  } as { readonly [K in keyof T]?: readonly string[] });
  if (config.use_karras_sigmas && config.use_exponential_sigmas) {
    throw new Error(`${className}: use_karras_sigmas and use_exponential_sigmas exclude each other`);
  }
  warnUnsupported(raw, className, { use_beta_sigmas: false }, warn);
  return config;
}

/** What diffusers' Euler-family classes default to (Heun and KDPM2 declare SD's betas instead). */
export const SIGMA_FAMILY_DEFAULTS: SigmaFamilyConfig = {
  ...BETA_DEFAULTS,
  prediction_type: 'epsilon',
  timestep_spacing: 'linspace',
  steps_offset: 0,
  use_karras_sigmas: false,
  use_exponential_sigmas: false,
};

/** SD's betas, the defaults of the classes written for it (Heun, KDPM2). */
export const SD_BETAS = { beta_start: 0.00085, beta_end: 0.012 } as const;

export const EULER_DEFAULTS: SigmaScheduleConfig = {
  ...SIGMA_FAMILY_DEFAULTS,
  interpolation_type: 'linear',
  sigma_min: null,
  sigma_max: null,
  timestep_type: 'discrete',
  final_sigmas_type: 'zero',
};

function optionalNumber(value: number | null, key: string): number | null {
  if (value !== null && typeof value !== 'number') throw new Error(`EulerDiscreteScheduler: "${key}" must be a number`);
  return value;
}

/**
 * Timesteps and the σ after each (one more σ than timesteps), as diffusers' Euler-family schedulers choose them.
 * `roundKarras`: Karras timesteps become whole training steps (KDPM2).
 */
function sigmaSchedule(
  cfg: SigmaScheduleConfig,
  train: Float64Array,
  n: number,
  roundKarras: boolean,
): { timesteps: Float64Array; sigmas: Float64Array } {
  let timesteps: Float64Array = spacedTimesteps(cfg.timestep_spacing, n, cfg.num_train_timesteps, cfg.steps_offset).map(f32);
  let sigmas: Float64Array =
    cfg.interpolation_type === 'linear'
      ? timesteps.map((t) => interpolate(train, t))
      : // diffusers' log_linear: n+1 levels evenly spaced in log σ over the whole training range
        linspace(Math.log(train[train.length - 1]), Math.log(train[0]), n + 1).map(Math.exp);
  if (cfg.use_karras_sigmas || cfg.use_exponential_sigmas) {
    const lo = optionalNumber(cfg.sigma_min, 'sigma_min') ?? sigmas[sigmas.length - 1];
    const hi = optionalNumber(cfg.sigma_max, 'sigma_max') ?? sigmas[0];
    sigmas = cfg.use_karras_sigmas ? karrasSigmas(lo, hi, n) : exponentialSigmas(lo, hi, n);
    const logTrain = logSigmas(train);
    timesteps = sigmas.map((s) => sigmaToTimestep(s, logTrain)).map((t) => f32(cfg.use_karras_sigmas && roundKarras ? roundHalfEven(t) : t));
  }
  const last = cfg.final_sigmas_type === 'zero' ? 0 : train[0];
  const all = Float64Array.from([...sigmas, last], f32);
  if (cfg.timestep_type === 'continuous' && cfg.prediction_type === 'v_prediction') {
    // continuous-time v models (e.g. CosXL) are conditioned on c_noise = ¼·ln σ
    timesteps = all.subarray(0, timesteps.length).map((s) => f32(0.25 * Math.log(s)));
  }
  return { timesteps, sigmas: all };
}

/** Shared by the Euler family (Euler, Euler ancestral, Heun, LMS, KDPM2): the σ table, input scaling and x₀ estimate. */
export abstract class SigmaSpaceScheduler<C extends SchedulerConfig> implements Scheduler {
  abstract readonly name: SchedulerName;
  readonly config: C;
  readonly order = 1;
  timesteps: Float64Array = new Float64Array(0);
  sigmas: Float64Array = new Float64Array(0);
  protected readonly index = new StepIndex(() => this.timesteps);
  protected readonly trainSigmas: Float64Array;
  readonly #schedule: SigmaScheduleConfig;
  readonly #roundKarras: boolean;

  constructor(config: C, schedule: SigmaScheduleConfig, options: { roundKarrasTimesteps?: boolean } = {}) {
    this.config = config;
    this.#schedule = schedule;
    this.#roundKarras = options.roundKarrasTimesteps ?? false;
    this.trainSigmas = trainingSigmas(alphasCumprod(schedule, true));
  }

  get initNoiseSigma(): number {
    const max = this.sigmas.reduce((m, s) => Math.max(m, s), 0);
    // diffusers' rule: with `leading` spacing the starting noise also counts the data's unit variance
    return this.#schedule.timestep_spacing === 'leading' ? Math.sqrt(max * max + 1) : max;
  }

  setTimesteps(numInferenceSteps: number): void {
    checkStepCount(numInferenceSteps, this.#schedule.num_train_timesteps);
    const { timesteps, sigmas } = sigmaSchedule(this.#schedule, this.trainSigmas, numInferenceSteps, this.#roundKarras);
    this.timesteps = timesteps;
    this.sigmas = sigmas;
    this.index.reset();
  }

  scaleModelInput(sample: Float32Array, t: number): Float32Array {
    const sigma = this.sigmas[this.index.current(t)];
    return scaled(sample, 1 / Math.sqrt(sigma * sigma + 1));
  }

  /** σ now, σ next, and x₀ as a combination of the sample and the model output. */
  protected levels(t: number): { sigma: number; next: number; clean: Linear } {
    const i = this.index.current(t);
    const sigma = this.sigmas[i];
    return { sigma, next: this.sigmas[i + 1], clean: cleanEstimateSigmaSpace(this.config.prediction_type, sigma) };
  }

  abstract step(modelOutput: Float32Array, t: number, sample: Float32Array, noise?: NoiseSource): StepResult;
}

export class EulerDiscreteScheduler extends SigmaSpaceScheduler<EulerConfig> {
  readonly name = 'euler';

  constructor(raw: RawConfig, warn?: Warn) {
    const config = readSigmaConfig(raw, 'EulerDiscreteScheduler', EULER_DEFAULTS, warn, {
      interpolation_type: ['linear', 'log_linear'],
      timestep_type: ['discrete', 'continuous'],
      final_sigmas_type: ['zero', 'sigma_min'],
    });
    super(config, config);
  }

  step(modelOutput: Float32Array, t: number, sample: Float32Array): StepResult {
    checkLengths(modelOutput, sample);
    const { sigma, next, clean } = this.levels(t);
    const ratio = (next - sigma) / sigma;
    const prevSample = new Float32Array(sample.length);
    const denoised = new Float32Array(sample.length);
    for (let i = 0; i < sample.length; i++) {
      const x0 = clean.x * sample[i] + clean.out * modelOutput[i];
      denoised[i] = x0;
      prevSample[i] = sample[i] + (sample[i] - x0) * ratio;
    }
    this.index.advance();
    return { prevSample, denoised };
  }
}
