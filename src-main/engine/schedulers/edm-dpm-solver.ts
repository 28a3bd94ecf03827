// DPM-Solver++ 2M for models trained with EDM preconditioning (Karras et al. 2022), e.g. Playground v2.5.
// The sample is x = x₀ + σ·ε (α = 1); the model sees c_in·x and c_noise = ¼·ln σ as its (fractional)
// timestep, and its output becomes x₀ = c_skip·x + c_out·F.
import { readConfig, type RawConfig, type Warn } from './config.ts';
import { MultistepDpmSolver, readMultistepConfig, type MultistepConfig } from './multistep.ts';
import { scaled, type Linear } from './prediction.ts';
import { checkStepCount, exponentialSigmas, karrasSigmas } from './spacing.ts';

const f32 = Math.fround;

export interface EdmDpmSolverConfig extends MultistepConfig {
  readonly _class_name: string;
  num_train_timesteps: number;
  prediction_type: 'epsilon' | 'v_prediction';
  sigma_min: number;
  sigma_max: number;
  /** Standard deviation of the training data, in the preconditioning. */
  sigma_data: number;
  sigma_schedule: 'karras' | 'exponential';
  rho: number;
}

const DEFAULTS = {
  num_train_timesteps: 1000,
  prediction_type: 'epsilon' as EdmDpmSolverConfig['prediction_type'],
  sigma_min: 0.002,
  sigma_max: 80,
  sigma_data: 0.5,
  sigma_schedule: 'karras' as EdmDpmSolverConfig['sigma_schedule'],
  rho: 7,
};

export class EDMDPMSolverMultistepScheduler extends MultistepDpmSolver<EdmDpmSolverConfig> {
  readonly name = 'edm-dpmpp-2m';

  constructor(raw: RawConfig, warn?: Warn) {
    const className = 'EDMDPMSolverMultistepScheduler';
    const config = readConfig(raw, className, DEFAULTS, {
      prediction_type: ['epsilon', 'v_prediction'],
      sigma_schedule: ['karras', 'exponential'],
    });
    if (!(config.sigma_min > 0 && config.sigma_max > config.sigma_min && config.sigma_data > 0)) {
      throw new Error(`${className}: needs 0 < sigma_min < sigma_max and sigma_data > 0`);
    }
    super({ ...config, ...readMultistepConfig(raw, className, warn) });
  }

  get initNoiseSigma(): number {
    return Math.sqrt(this.config.sigma_max ** 2 + 1);
  }

  setTimesteps(numInferenceSteps: number): void {
    const { sigma_min: lo, sigma_max: hi, sigma_schedule, rho, final_sigmas_type } = this.config;
    checkStepCount(numInferenceSteps, this.config.num_train_timesteps);
    const n = numInferenceSteps;
    const sigmas = (sigma_schedule === 'karras' ? karrasSigmas(lo, hi, n, rho) : exponentialSigmas(lo, hi, n)).map(f32);
    const last = final_sigmas_type === 'zero' ? 0 : lo;
    this.useSchedule(
      sigmas.map((s) => f32(0.25 * Math.log(s))),
      Float64Array.from([...sigmas, last], f32),
    );
  }

  scaleModelInput(sample: Float32Array, t: number): Float32Array {
    const sigma = this.sigmas[this.index.current(t)];
    return scaled(sample, 1 / Math.sqrt(sigma * sigma + this.config.sigma_data ** 2));
  }

  protected noiseLevel(s: number): { alpha: number; sigma: number } {
    return { alpha: 1, sigma: s };
  }

  protected cleanEstimate(s: number): Linear {
    const data = this.config.sigma_data;
    const norm = s * s + data * data;
    const out = (s * data) / Math.sqrt(norm);
    return { x: (data * data) / norm, out: this.config.prediction_type === 'epsilon' ? out : -out };
  }
}
