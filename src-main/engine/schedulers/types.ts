import { SCHEDULER_CHOICES, type SchedulerChoice } from '../../../src-shared/domain/settings.ts';

/** User-facing scheduler names: the settings' choices besides `model` (the model's own config). */
export type SchedulerName = Exclude<SchedulerChoice, 'model'>;
export const SCHEDULER_NAMES = SCHEDULER_CHOICES.filter((c): c is SchedulerName => c !== 'model');

export function isSchedulerName(value: string): value is SchedulerName {
  return (SCHEDULER_NAMES as readonly string[]).includes(value);
}

export const PREDICTION_TYPES = ['epsilon', 'v_prediction', 'sample'] as const;
export type PredictionType = (typeof PREDICTION_TYPES)[number];

/**
 * Where stochastic schedulers take their step noise. `TorchGenerator` satisfies it, so a seed gives
 * the same noise as diffusers with a torch CPU generator. One draw covers the whole (batched) sample.
 */
export interface NoiseSource {
  randn(shape: readonly number[]): Float32Array;
}

/**
 * The parsed scheduler_config.json: diffusers' key names, every key the class reads filled in with
 * diffusers' default. Each class's own config type lists the rest.
 */
export interface SchedulerConfig {
  readonly _class_name: string;
  readonly num_train_timesteps: number;
  readonly prediction_type: PredictionType;
}

export interface StepResult {
  prevSample: Float32Array;
  /** The model's estimate of the clean sample at this step (for previews). */
  denoised: Float32Array;
}

/**
 * One denoising schedule. Samples are flat float32 arrays (batch×C×H×W); every operation is elementwise,
 * so a batch of frames shares one instance. Multistep schedulers keep history: call `setTimesteps`
 * before each sampling run and `step` once per timestep, in order.
 */
export interface Scheduler {
  readonly name: SchedulerName;
  readonly config: SchedulerConfig;
  /** The timesteps to feed the model, one per model call, in sampling order (valid after `setTimesteps`). */
  readonly timesteps: Float64Array;
  /** diffusers' noise levels: one more than the timesteps (the level after the last step), KDPM2's 2n + 2;
   * absent for DDIM, PNDM and LCM. */
  readonly sigmas?: Float64Array;
  /** Multiply unit-variance starting noise by this. */
  readonly initNoiseSigma: number;
  readonly order: number;
  setTimesteps(numInferenceSteps: number): void;
  /** The model's input for timestep `t` (a new array; `sample` is not changed). */
  scaleModelInput(sample: Float32Array, t: number): Float32Array;
  /** `modelOutput` may be kept (multistep history: PNDM, LMS, UniPC): pass a new array each step. */
  step(modelOutput: Float32Array, t: number, sample: Float32Array, noise?: NoiseSource): StepResult;
}
