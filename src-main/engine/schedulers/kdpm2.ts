// DPM-Solver-2 as k-diffusion's sample_dpm_2: an Euler step to the log-midpoint σ between two levels, the model
// again there, and the whole step taken with that midpoint slope. The midpoint calls get fractional timesteps
// (the training step whose σ is the midpoint); diffusers interleaves them, so n steps make 2n − 1 model calls.
import type { RawConfig, Warn } from './config.ts';
import { EULER_DEFAULTS, readSigmaConfig, SD_BETAS, SIGMA_FAMILY_DEFAULTS, SigmaSpaceScheduler, type SigmaFamilyConfig } from './euler.ts';
import { repeatAfterFirst } from './heun.ts';
import { checkLengths, cleanEstimateSigmaSpace, scaled } from './prediction.ts';
import { logSigmas, sigmaToTimestep } from './spacing.ts';
import type { StepResult } from './types.ts';

const f32 = Math.fround;

export type Kdpm2Config = SigmaFamilyConfig & { readonly _class_name: string };

const DEFAULTS: SigmaFamilyConfig = { ...SIGMA_FAMILY_DEFAULTS, ...SD_BETAS };

/** exp(lerp(ln a, ln b, ½)) as torch computes it in float32 (its lerp form for a weight of ½). */
function logMidpoint(a: number, b: number): number {
  const from = f32(Math.log(a));
  const to = f32(Math.log(b));
  return f32(Math.exp(f32(to - f32(f32(to - from) * 0.5))));
}

export class KDPM2DiscreteScheduler extends SigmaSpaceScheduler<Kdpm2Config> {
  /**
   * diffusers' `sigmas_interpol`, laid out like `sigmas` (2n + 2 entries): the midpoint level a midpoint call
   * sees, and the one a first-half step goes to at the next index.
   */
  sigmasInterpol: Float64Array = new Float64Array(0);
  /** The sample the step in progress started from, while its midpoint call is due. */
  #pending: Float32Array | null = null;

  constructor(raw: RawConfig, warn?: Warn) {
    const config = readSigmaConfig(raw, 'KDPM2DiscreteScheduler', DEFAULTS, warn);
    super(config, { ...EULER_DEFAULTS, ...config }, { roundKarrasTimesteps: true });
  }

  get name(): 'kdpm2' | 'kdpm2-karras' {
    return this.config.use_karras_sigmas ? 'kdpm2-karras' : 'kdpm2';
  }

  override setTimesteps(numInferenceSteps: number): void {
    super.setTimesteps(numInferenceSteps);
    const levels = this.sigmas; // n levels and the final 0
    const timesteps = this.timesteps;
    // midpoint between each level and the one before it (index 0 has none: NaN, never used; the last is 0)
    const midpoints = levels.map((s, i) => (i === 0 ? Number.NaN : logMidpoint(s, levels[i - 1])));
    const logTrain = logSigmas(this.trainSigmas);
    const calls = Array.from(timesteps).flatMap((t, i) =>
      i === 0 ? [t] : [f32(sigmaToTimestep(midpoints[i], logTrain)), t],
    );
    const last = levels.length - 1;
    this.timesteps = Float64Array.from(calls);
    this.sigmas = Float64Array.from([...repeatAfterFirst(levels), levels[last]]);
    this.sigmasInterpol = Float64Array.from([...repeatAfterFirst(midpoints), midpoints[last]]);
    this.#pending = null;
  }

  override scaleModelInput(sample: Float32Array, t: number): Float32Array {
    const i = this.index.current(t);
    const sigma = this.#pending ? this.sigmasInterpol[i] : this.sigmas[i];
    return scaled(sample, 1 / Math.sqrt(sigma * sigma + 1));
  }

  step(modelOutput: Float32Array, t: number, sample: Float32Array): StepResult {
    checkLengths(modelOutput, sample);
    const i = this.index.current(t);
    const pending = this.#pending;
    const sigma = this.sigmas[pending ? i - 1 : i];
    const midpoint = this.sigmasInterpol[pending ? i : i + 1];
    const next = this.sigmas[pending ? i : i + 1];
    const at = pending ? midpoint : sigma; // the level of the sample the model saw
    const clean = cleanEstimateSigmaSpace(this.config.prediction_type, at);
    // first half: Euler to the midpoint; second: from the step's start to the next level with the midpoint slope
    const dt = pending ? next - sigma : midpoint - sigma;
    const from = pending ?? sample;
    const denoised = new Float32Array(sample.length);
    const prevSample = new Float32Array(sample.length);
    for (let j = 0; j < sample.length; j++) {
      denoised[j] = clean.x * sample[j] + clean.out * modelOutput[j];
      prevSample[j] = from[j] + ((sample[j] - denoised[j]) / at) * dt;
    }
    this.#pending = pending ? null : sample.slice();
    this.index.advance();
    return { prevSample, denoised };
  }
}
