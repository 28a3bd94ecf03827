// UniPC (Zhao et al. 2023): a multistep predictor, then at the next call a corrector that reuses the new model
// output to refine the sample before predicting again, so order p + 1 accuracy costs no extra model call.
// Works in log-SNR time λ = ln(α/σ) on x₀ (`predict_x0`, UniPC's data prediction) or on ε; B(h) is h (bh1) or
// e^h − 1 (bh2). Schedules as DPM-Solver's (vp-schedule.ts).
import { PREDICTION_CHOICES, readConfig, warnUnsupported, type RawConfig, type Warn } from './config.ts';
import { alphasCumprod, BETA_CHOICES, BETA_DEFAULTS, trainingSigmas, type BetaConfig } from './noise-schedule.ts';
import { checkLengths, cleanEstimate, noiseEstimate, vpFromSigma } from './prediction.ts';
import { checkStepCount, TIMESTEP_SPACINGS, type TimestepSpacing } from './spacing.ts';
import { StepIndex } from './step-index.ts';
import type { PredictionType, Scheduler, StepResult } from './types.ts';
import { vpSchedule } from './vp-schedule.ts';

export interface UniPcConfig extends BetaConfig {
  readonly _class_name: string;
  prediction_type: PredictionType;
  solver_order: number;
  predict_x0: boolean;
  solver_type: 'bh1' | 'bh2';
  lower_order_final: boolean;
  /** Steps (0-based) whose following call skips the corrector. */
  disable_corrector: readonly number[];
  use_karras_sigmas: boolean;
  use_exponential_sigmas: boolean;
  timestep_spacing: TimestepSpacing;
  steps_offset: number;
  final_sigmas_type: 'zero' | 'sigma_min';
  sigma_min: number | null;
  sigma_max: number | null;
}

const DEFAULTS = {
  ...BETA_DEFAULTS,
  prediction_type: 'epsilon' as PredictionType,
  solver_order: 2,
  predict_x0: true,
  solver_type: 'bh2' as string,
  lower_order_final: true,
  disable_corrector: [] as readonly number[],
  use_karras_sigmas: false,
  use_exponential_sigmas: false,
  timestep_spacing: 'linspace' as TimestepSpacing,
  steps_offset: 0,
  final_sigmas_type: 'zero' as UniPcConfig['final_sigmas_type'],
  sigma_min: null as number | null,
  sigma_max: null as number | null,
};

const CLASS = 'UniPCMultistepScheduler';

function readUniPcConfig(raw: RawConfig, warn: Warn | undefined): UniPcConfig {
  const read = readConfig(raw, CLASS, DEFAULTS, {
    ...BETA_CHOICES,
    ...PREDICTION_CHOICES,
    timestep_spacing: TIMESTEP_SPACINGS,
    final_sigmas_type: ['zero', 'sigma_min'],
  });
  warnUnsupported(
    raw,
    CLASS,
    { thresholding: false, solver_p: null, use_beta_sigmas: false, use_flow_sigmas: false, use_dynamic_shifting: false },
    warn,
  );
  if (read.use_karras_sigmas && read.use_exponential_sigmas) {
    throw new Error(`${CLASS}: use_karras_sigmas and use_exponential_sigmas exclude each other`);
  }
  const { solver_order: order, disable_corrector: disabled, sigma_min: lo, sigma_max: hi } = read;
  if (!Number.isInteger(order) || order < 1) throw new Error(`${CLASS}: "solver_order" must be a whole number from 1, got ${order}`);
  if (!Array.isArray(disabled) || disabled.some((s) => !Number.isInteger(s))) {
    throw new Error(`${CLASS}: "disable_corrector" must be a list of step numbers`);
  }
  if ((lo !== null && typeof lo !== 'number') || (hi !== null && typeof hi !== 'number')) {
    throw new Error(`${CLASS}: "sigma_min" and "sigma_max" must be numbers`);
  }
  // diffusers takes DPM-Solver's solver types (a config switched from it) as bh2
  let solverType: UniPcConfig['solver_type'] = read.solver_type === 'bh1' ? 'bh1' : 'bh2';
  if (!['bh1', 'bh2', 'midpoint', 'heun', 'logrho'].includes(read.solver_type)) {
    warn?.(`${CLASS}: solver_type "${read.solver_type}" is not supported; using bh2`);
    solverType = 'bh2';
  }
  let finalSigmas = read.final_sigmas_type;
  if ((solverType === 'bh1' || !read.predict_x0) && finalSigmas === 'zero') {
    // h is infinite on a last step to σ = 0, and so are these forms' weights: diffusers ends in NaN there
    const form = solverType === 'bh1' ? 'solver_type bh1' : 'predict_x0 false';
    warn?.(`${CLASS}: ${form} cannot step to σ = 0 (final_sigmas_type "zero"); using "sigma_min"`);
    finalSigmas = 'sigma_min';
  }
  return { ...read, solver_type: solverType, final_sigmas_type: finalSigmas };
}

/** Solves A·x = b (A square, small) by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = col + 1; r < n; r++) {
      const f = m[r][col] / m[col][col];
      for (let c = col; c <= n; c++) m[r][c] -= f * m[col][c];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = m[r][n];
    for (let c = r + 1; c < n; c++) sum -= m[r][c] * x[c];
    x[r] = sum / m[r][r];
  }
  return x;
}

/**
 * The weights of one UniPC update: of the sample it starts from, of the newest stored output m₀, of the
 * differences m_k − m₀ to older outputs (newest first), and, for the corrector, of m_t − m₀ (this call's output).
 */
interface Update {
  sample: number;
  newest: number;
  older: number[];
  corrector: number;
}

export class UniPCMultistepScheduler implements Scheduler {
  readonly config: UniPcConfig;
  readonly initNoiseSigma = 1;
  readonly order = 1;
  timesteps: Float64Array = new Float64Array(0);
  sigmas: Float64Array = new Float64Array(0);
  readonly #trainSigmas: Float64Array;
  readonly #index = new StepIndex(() => this.timesteps);
  /** Converted model outputs (x₀ or ε) of the latest steps, newest last. */
  #outputs: Float32Array[] = [];
  /** The sample the previous predictor started from, for the corrector. */
  #lastSample: Float32Array | null = null;
  /** The previous predictor's order, which its corrector repeats. */
  #lastOrder = 0;

  constructor(raw: RawConfig, warn?: Warn) {
    this.config = readUniPcConfig(raw, warn);
    this.#trainSigmas = trainingSigmas(alphasCumprod(this.config, true));
  }

  get name(): 'unipc' | 'unipc-karras' {
    return this.config.use_karras_sigmas ? 'unipc-karras' : 'unipc';
  }

  setTimesteps(numInferenceSteps: number): void {
    checkStepCount(numInferenceSteps, this.config.num_train_timesteps);
    const train = this.#trainSigmas;
    const { timesteps, sigmas } = vpSchedule(this.config, train, numInferenceSteps, {
      sigmaMin: this.config.sigma_min ?? train[0],
      sigmaMax: this.config.sigma_max ?? train[train.length - 1],
      roundKarras: true,
      finalFromSchedule: true,
    });
    this.timesteps = timesteps;
    this.sigmas = sigmas;
    this.#index.reset();
    this.#outputs = [];
    this.#lastSample = null;
    this.#lastOrder = 0;
  }

  scaleModelInput(sample: Float32Array): Float32Array {
    return sample.slice();
  }

  step(modelOutput: Float32Array, t: number, sample: Float32Array): StepResult {
    checkLengths(modelOutput, sample);
    const i = this.#index.current(t);
    const { solver_order, lower_order_final, disable_corrector, predict_x0, prediction_type } = this.config;
    const { alpha, sigma } = vpFromSigma(this.sigmas[i]);
    const clean = cleanEstimate(prediction_type, alpha, sigma);
    const convert = predict_x0 ? clean : noiseEstimate(prediction_type, alpha, sigma);
    const converted = new Float32Array(sample.length);
    const denoised = new Float32Array(sample.length);
    for (let j = 0; j < sample.length; j++) {
      converted[j] = convert.x * sample[j] + convert.out * modelOutput[j];
      denoised[j] = clean.x * sample[j] + clean.out * modelOutput[j];
    }

    let x = sample;
    if (i > 0 && this.#lastSample !== null && !disable_corrector.includes(i - 1)) {
      // the corrector redoes the previous update (level i−1 → i) with this call's output
      const update = this.#update(i - 1, i, this.#lastOrder, true);
      x = this.#apply(update, this.#lastSample, this.#outputs, converted);
    }
    this.#outputs = [...this.#outputs, converted].slice(-solver_order);
    const wanted = lower_order_final ? Math.min(solver_order, this.timesteps.length - i) : solver_order;
    const order = Math.min(wanted, this.#outputs.length);
    this.#lastSample = x;
    this.#lastOrder = order;
    const prevSample = this.#apply(this.#update(i, i + 1, order, false), x, this.#outputs, null);
    this.#index.advance();
    return { prevSample, denoised };
  }

  /** x_to = sample·x + newest·m₀ + Σ older_k·(m_k − m₀) + corrector·(m_t − m₀); m₀ the newest of `outputs`. */
  #apply(update: Update, x: Float32Array, outputs: Float32Array[], correction: Float32Array | null): Float32Array {
    const m0 = outputs[outputs.length - 1];
    const out = new Float32Array(x.length);
    for (let j = 0; j < x.length; j++) {
      let v = update.sample * x[j] + update.newest * m0[j];
      update.older.forEach((w, k) => {
        v += w * (outputs[outputs.length - 2 - k][j] - m0[j]);
      });
      if (correction !== null) v += update.corrector * (correction[j] - m0[j]);
      out[j] = v;
    }
    return out;
  }

  /** The weights of UniPC's update from level `from` to `to`, with `order − 1` older outputs (levels from−1, …). */
  #update(from: number, to: number, order: number, corrector: boolean): Update {
    const lambda = (s: number) => {
      const { alpha, sigma } = vpFromSigma(s);
      return Math.log(alpha) - Math.log(sigma);
    };
    const target = vpFromSigma(this.sigmas[to]);
    const start = vpFromSigma(this.sigmas[from]);
    const lambdaFrom = lambda(this.sigmas[from]);
    const h = lambda(this.sigmas[to]) - lambdaFrom;
    const rks = Array.from({ length: order - 1 }, (_, k) => (lambda(this.sigmas[from - 1 - k]) - lambdaFrom) / h);
    const hh = this.config.predict_x0 ? -h : h;
    const hPhi1 = Math.expm1(hh);
    const bh = this.config.solver_type === 'bh1' ? hh : hPhi1;
    // the order conditions R·ρ = b: R[p][k] = r_k^p over the ratios and a final 1, b[p] = (p+1)!·φ_(p+2)(hh)/B(h)
    // with φ from the recurrence φ_(k+1) = (φ_k − 1/k!)/hh (as diffusers builds them)
    const ratios = [...rks, 1];
    const R = ratios.map((_, p) => ratios.map((r) => r ** p));
    const b: number[] = [];
    let hPhiK = hPhi1 / hh - 1;
    let factorial = 1;
    for (let p = 1; p <= order; p++) {
      b.push((hPhiK * factorial) / bh);
      factorial *= p + 1;
      hPhiK = hPhiK / hh - 1 / factorial;
    }
    let rhos: number[];
    if (corrector) rhos = order === 1 ? [0.5] : solve(R, b);
    else if (order === 1) rhos = [];
    else rhos = order === 2 ? [0.5] : solve(R.slice(0, -1).map((row) => row.slice(0, -1)), b.slice(0, -1));
    // x₀ form: x_to = σ_to/σ_from·x − α_to·(e^hh − 1)·m₀ − α_to·B(h)·Σρ·D; ε form with α and σ swapped
    const [scale, ratio] = this.config.predict_x0
      ? [target.alpha, target.sigma / start.sigma]
      : [target.sigma, target.alpha / start.alpha];
    const weight = -scale * bh;
    return {
      sample: ratio,
      newest: -scale * hPhi1,
      older: rks.map((r, k) => (weight * rhos[k]) / r),
      corrector: corrector ? weight * rhos[order - 1] : 0,
    };
  }
}
