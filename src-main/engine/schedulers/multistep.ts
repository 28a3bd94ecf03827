// DPM-Solver++ multistep (Lu et al. 2022), orders 1 and 2, over any noise parameterisation x = α·x₀ + σ·ε.
// Works on the data prediction x₀ in log-SNR time λ = ln(α/σ); a second-order step corrects with the
// difference from the previous step's x₀. The SDE variant (`sde-dpmsolver++`, Lu et al. 2022b) shrinks the
// sample by a further e^(−h) and adds fresh noise of the matching size each step. DPMSolverMultistep (variance
// preserving) and the EDM variant (α = 1) differ only in α(σ), in how the model output becomes x₀, and in their
// schedules.
import { readConfig, warnUnsupported, type RawConfig, type Warn } from './config.ts';
import { checkLengths, requireNoise, type Linear } from './prediction.ts';
import { StepIndex } from './step-index.ts';
import type { NoiseSource, Scheduler, SchedulerConfig, SchedulerName, StepResult } from './types.ts';

const ALGORITHMS = ['dpmsolver++', 'sde-dpmsolver++'] as const;

export interface MultistepConfig {
  /** DPM-Solver++ and its SDE variant; the others (the deprecated noise-prediction ones) fall back to dpmsolver++. */
  algorithm_type: (typeof ALGORITHMS)[number];
  solver_order: number;
  solver_type: 'midpoint' | 'heun';
  /** Finish with first-order steps when there are fewer than 15: more stable at few steps. */
  lower_order_final: boolean;
  euler_at_final: boolean;
  final_sigmas_type: 'zero' | 'sigma_min';
}

export const MULTISTEP_DEFAULTS: MultistepConfig = {
  algorithm_type: 'dpmsolver++',
  solver_order: 2,
  solver_type: 'midpoint',
  lower_order_final: true,
  euler_at_final: false,
  final_sigmas_type: 'zero',
};

/** Reads the solver options; what is not implemented ends in a warning and the nearest supported choice. */
export function readMultistepConfig(raw: RawConfig, className: string, warn: Warn | undefined): MultistepConfig {
  warnUnsupported(raw, className, { thresholding: false }, warn);
  const read = readConfig(
    raw,
    className,
    { ...MULTISTEP_DEFAULTS, algorithm_type: 'dpmsolver++' as string, solver_type: 'midpoint' as string },
    { final_sigmas_type: ['zero', 'sigma_min'] },
  );
  const algorithm = ALGORITHMS.find((a) => a === read.algorithm_type) ?? 'dpmsolver++';
  if (read.algorithm_type !== algorithm) {
    warn?.(`${className}: "algorithm_type": ${JSON.stringify(read.algorithm_type)} is not supported; using dpmsolver++`);
  }
  let order = read.solver_order;
  if (order !== 1 && order !== 2) {
    warn?.(`${className}: solver_order ${order} is not supported; using 2`);
    order = 2;
  }
  const solverType = read.solver_type === 'heun' ? 'heun' : 'midpoint';
  if (read.solver_type !== solverType) {
    warn?.(`${className}: solver_type "${read.solver_type}" is not supported; using midpoint`);
  }
  return { ...read, algorithm_type: algorithm, solver_order: order, solver_type: solverType };
}

export abstract class MultistepDpmSolver<C extends SchedulerConfig & MultistepConfig> implements Scheduler {
  abstract readonly name: SchedulerName;
  abstract readonly initNoiseSigma: number;
  readonly config: C;
  readonly order = 1;
  timesteps: Float64Array = new Float64Array(0);
  sigmas: Float64Array = new Float64Array(0);
  protected readonly index = new StepIndex(() => this.timesteps);
  /** x₀ of the previous step, for the second-order correction. */
  #previous: Float32Array | null = null;

  constructor(config: C) {
    this.config = config;
  }

  /** α and σ of x = α·x₀ + σ·ε at schedule level `s`. */
  protected abstract noiseLevel(s: number): { alpha: number; sigma: number };
  /** x₀ from the sample and the model output at schedule level `s`. */
  protected abstract cleanEstimate(s: number): Linear;
  abstract scaleModelInput(sample: Float32Array, t: number): Float32Array;
  abstract setTimesteps(numInferenceSteps: number): void;

  protected useSchedule(timesteps: Float64Array, sigmas: Float64Array): void {
    this.timesteps = timesteps;
    this.sigmas = sigmas;
    this.index.reset();
    this.#previous = null;
  }

  step(modelOutput: Float32Array, t: number, sample: Float32Array, noise?: NoiseSource): StepResult {
    checkLengths(modelOutput, sample);
    const i = this.index.current(t);
    const steps = this.timesteps.length;
    const { solver_order, lower_order_final, euler_at_final, final_sigmas_type, solver_type, algorithm_type } = this.config;
    // diffusers draws the SDE noise before stepping, on the last step too
    const fresh =
      algorithm_type === 'sde-dpmsolver++'
        ? requireNoise(noise, 'sde-dpmsolver++ adds noise at every step').randn([sample.length])
        : null;
    const finalFirstOrder =
      i === steps - 1 && (euler_at_final || (lower_order_final && steps < 15) || final_sigmas_type === 'zero');
    const previous = solver_order === 2 && !finalFirstOrder ? this.#previous : null;

    const clean = this.cleanEstimate(this.sigmas[i]);
    const denoised = new Float32Array(sample.length);
    for (let j = 0; j < sample.length; j++) denoised[j] = clean.x * sample[j] + clean.out * modelOutput[j];

    const to = this.noiseLevel(this.sigmas[i + 1]);
    const from = this.noiseLevel(this.sigmas[i]);
    const lambdaFrom = this.#lambda(this.sigmas[i]);
    const h = this.#lambda(this.sigmas[i + 1]) - lambdaFrom; // +∞ when the last level is σ = 0
    // x_next = keep·x + data·x₀ + d1·D1 + spread·z; the SDE solver runs the same form with 2h in place of h
    const ratio = to.sigma / from.sigma;
    const sde = fresh !== null;
    const hh = sde ? 2 * h : h;
    const expm1 = Math.expm1(-hh); // e^(−h) − 1, or e^(−2h) − 1
    const keep = sde ? ratio * Math.exp(-h) : ratio;
    const data = -to.alpha * expm1;
    const spread = sde ? to.sigma * Math.sqrt(-expm1) : 0;
    // weight of D1 = (x₀ − x₀_prev)/r
    const d1 = solver_type === 'midpoint' ? 0.5 * data : to.alpha * (expm1 / hh + 1);
    const r = previous === null ? 1 : (lambdaFrom - this.#lambda(this.sigmas[i - 1])) / h;
    const prevSample = new Float32Array(sample.length);
    for (let j = 0; j < sample.length; j++) {
      const slope = previous === null ? 0 : (denoised[j] - previous[j]) / r;
      prevSample[j] = keep * sample[j] + data * denoised[j] + d1 * slope + (fresh === null ? 0 : spread * fresh[j]);
    }
    this.#previous = denoised.slice(); // the caller may reuse the returned array
    this.index.advance();
    return { prevSample, denoised };
  }

  /** Log signal-to-noise ratio λ = ln(α/σ) at schedule level `s`. */
  #lambda(s: number): number {
    const { alpha, sigma } = this.noiseLevel(s);
    return Math.log(alpha) - Math.log(sigma);
  }
}
