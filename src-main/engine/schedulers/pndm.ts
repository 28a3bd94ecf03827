// PNDM (Liu et al. 2022), as SD 1.x/2.x ship it: pseudo linear multistep on the noise estimate, stepping with the
// DDIM-like transfer of the paper's eq. 9. With `skip_prk_steps` (PLMS) the second timestep is listed twice: its
// call averages the first two outputs and redoes the first step. Without, it starts with three pseudo Runge–Kutta
// steps of four calls each (PRK, half-way timesteps included) and continues with PLMS: n + 9 calls for n steps.
import { readConfig, type RawConfig } from './config.ts';
import { alphasCumprod, BETA_CHOICES, BETA_DEFAULTS, type BetaConfig } from './noise-schedule.ts';
import { checkLengths, cleanEstimate, noiseEstimate } from './prediction.ts';
import { checkStepCount, roundHalfEven, spacedTimesteps, TIMESTEP_SPACINGS, type TimestepSpacing } from './spacing.ts';
import { StepIndex } from './step-index.ts';
import { PREDICTION_TYPES, type PredictionType, type Scheduler, type StepResult } from './types.ts';

export interface PndmConfig extends BetaConfig {
  readonly _class_name: string;
  prediction_type: PredictionType;
  timestep_spacing: TimestepSpacing;
  steps_offset: number;
  skip_prk_steps: boolean;
  /** Use ᾱ = 1 after the last step (a fully clean sample); otherwise ᾱ_0. */
  set_alpha_to_one: boolean;
}

const DEFAULTS: Omit<PndmConfig, '_class_name'> = {
  ...BETA_DEFAULTS,
  prediction_type: 'epsilon',
  timestep_spacing: 'leading',
  steps_offset: 0,
  skip_prk_steps: false,
  set_alpha_to_one: false,
};

/** The linear multistep weights for 1 … 4 stored outputs, newest first (Adams–Bashforth). */
const PLMS_WEIGHTS = [[1], [3 / 2, -1 / 2], [23 / 12, -16 / 12, 5 / 12], [55 / 24, -59 / 24, 37 / 24, -9 / 24]];
/** Runge–Kutta weights of a PRK step's four outputs. */
const PRK_WEIGHTS = [1 / 6, 1 / 3, 1 / 3, 1 / 6];
const PRK_ORDER = 4;

export class PNDMScheduler implements Scheduler {
  readonly name = 'pndm';
  readonly config: PndmConfig;
  readonly order = 1;
  readonly initNoiseSigma = 1;
  timesteps: Float64Array = new Float64Array(0);
  readonly #alphasCumprod: Float64Array;
  readonly #index = new StepIndex(() => this.timesteps);
  /** Calls that belong to the Runge–Kutta warm-up (0 with `skip_prk_steps`). */
  #prkCalls = 0;
  /** Training steps between two inference steps. */
  #stride = 0;
  /** Model outputs of the latest steps, newest last (the multistep history). */
  #history: Float32Array[] = [];
  /** The sample a PRK step or PLMS's repeated first step starts from, and the outputs gathered for it. */
  #start: Float32Array | null = null;
  #gathered: Float32Array[] = [];

  constructor(raw: RawConfig) {
    this.config = readConfig(raw, 'PNDMScheduler', DEFAULTS, {
      ...BETA_CHOICES,
      prediction_type: PREDICTION_TYPES,
      timestep_spacing: TIMESTEP_SPACINGS,
    });
    this.#alphasCumprod = alphasCumprod(this.config);
  }

  setTimesteps(numInferenceSteps: number): void {
    const n = numInferenceSteps;
    const { num_train_timesteps: trainSteps, timestep_spacing: spacing, steps_offset: offset } = this.config;
    checkStepCount(n, trainSteps);
    const ascending = Array.from(spacedTimesteps(spacing, n, trainSteps, offset).map(roundHalfEven)).reverse();
    if (ascending[ascending.length - 1] >= trainSteps) {
      throw new Error(`PNDMScheduler: steps_offset ${offset} is too large for ${n} steps`);
    }
    if (!this.config.skip_prk_steps && n < PRK_ORDER) {
      throw new Error(`PNDMScheduler: the Runge–Kutta warm-up (skip_prk_steps false) needs at least ${PRK_ORDER} steps, got ${n}`);
    }
    this.#stride = Math.floor(trainSteps / n);
    let prk: number[] = [];
    let plms: number[];
    if (this.config.skip_prk_steps) {
      // the second timestep twice: its second call is PLMS's first real step
      plms = [...ascending.slice(0, -1), ...ascending.slice(-2, -1), ...ascending.slice(-1)].reverse();
    } else {
      // the last four timesteps, each with its half-way point, as diffusers lays the four calls of each step out
      const half = Math.floor(this.#stride / 2);
      const points = ascending.slice(-PRK_ORDER).flatMap((t) => [t, t + half]).slice(0, -1);
      prk = points.flatMap((t) => [t, t]).slice(1, -1).reverse();
      plms = ascending.slice(0, -3).reverse();
    }
    this.#prkCalls = prk.length;
    this.timesteps = Float64Array.from([...prk, ...plms]);
    this.#index.reset();
    this.#history = [];
    this.#start = null;
    this.#gathered = [];
  }

  scaleModelInput(sample: Float32Array): Float32Array {
    return sample.slice();
  }

  step(modelOutput: Float32Array, t: number, sample: Float32Array): StepResult {
    checkLengths(modelOutput, sample);
    const call = this.#index.current(t);
    const prevSample =
      call < this.#prkCalls
        ? this.#prkStep(call, modelOutput, t, sample)
        : this.#plmsStep(call - this.#prkCalls, modelOutput, t, sample);
    this.#index.advance();
    const a = this.#alphasCumprod[t];
    const clean = cleanEstimate(this.config.prediction_type, Math.sqrt(a), Math.sqrt(1 - a));
    const denoised = new Float32Array(sample.length);
    for (let j = 0; j < sample.length; j++) denoised[j] = clean.x * sample[j] + clean.out * modelOutput[j];
    return { prevSample, denoised };
  }

  /** Call `k` of the warm-up: each group of four goes from the group's start to t − ½, t − ½, t − 1, t − 1. */
  #prkStep(k: number, output: Float32Array, t: number, sample: Float32Array): Float32Array {
    const phase = k % PRK_ORDER;
    if (phase === 0) {
      this.#start = sample.slice();
      this.#gathered = [];
      this.#history.push(output);
    }
    this.#gathered.push(output);
    const from = this.timesteps[k - phase];
    const to = t - (k % 2 === 0 ? Math.floor(this.#stride / 2) : 0);
    const combined = phase === PRK_ORDER - 1 ? weighted(this.#gathered, PRK_WEIGHTS) : output;
    return this.#transfer(this.#start!, from, to, combined);
  }

  /** Call `k` after the warm-up. */
  #plmsStep(k: number, output: Float32Array, t: number, sample: Float32Array): Float32Array {
    const skipPrk = this.config.skip_prk_steps;
    if (skipPrk && k === 1) {
      // the repeated timestep: redo the first step from its start with the mean of both outputs
      const mean = weighted([this.#history[this.#history.length - 1], output], [0.5, 0.5]);
      return this.#transfer(this.#start!, t + this.#stride, t, mean);
    }
    if (skipPrk && k === 0) this.#start = sample.slice();
    this.#history = [...this.#history.slice(1 - PLMS_WEIGHTS.length), output];
    const newestFirst = [...this.#history].reverse();
    return this.#transfer(sample, t, t - this.#stride, weighted(newestFirst, PLMS_WEIGHTS[newestFirst.length - 1]));
  }

  /**
   * The paper's eq. 9 from training step `from` to `to` (below 0: the final ᾱ). A v or x₀ output becomes ε at
   * (`sample`, `from`), also for combined outputs, as diffusers converts them.
   */
  #transfer(sample: Float32Array, from: number, to: number, output: Float32Array): Float32Array {
    const ac = this.#alphasCumprod;
    const a = ac[from];
    const aPrev = to >= 0 ? ac[to] : this.config.set_alpha_to_one ? 1 : ac[0];
    const eps = noiseEstimate(this.config.prediction_type, Math.sqrt(a), Math.sqrt(1 - a));
    const keep = Math.sqrt(aPrev / a);
    const denominator = a * Math.sqrt(1 - aPrev) + Math.sqrt(a * (1 - a) * aPrev);
    const slope = (aPrev - a) / denominator;
    const out = new Float32Array(sample.length);
    for (let j = 0; j < sample.length; j++) out[j] = keep * sample[j] - slope * (eps.x * sample[j] + eps.out * output[j]);
    return out;
  }
}

/** Σ weights[k]·outputs[k], elementwise. */
function weighted(outputs: readonly Float32Array[], weights: readonly number[]): Float32Array {
  const out = new Float32Array(outputs[0].length);
  for (let j = 0; j < out.length; j++) {
    let v = 0;
    for (let k = 0; k < outputs.length; k++) v += weights[k] * outputs[k][j];
    out[j] = v;
  }
  return out;
}
