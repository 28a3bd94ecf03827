// Timesteps and σ levels of the variance-preserving multistep solvers (DPM-Solver, UniPC): n + 1 spaced points
// with the cleanest dropped, so the last step does not land on t = 0, or Karras/exponential σ mapped back to
// training steps. Timesteps are whole training steps (diffusers stores them as int64, truncating).
import type { BetaConfig } from './noise-schedule.ts';
import {
  exponentialSigmas,
  interpolate,
  karrasSigmas,
  logSigmas,
  roundHalfEven,
  sigmaToTimestep,
  spacedTimesteps,
  type TimestepSpacing,
} from './spacing.ts';

const f32 = Math.fround;

export interface VpScheduleConfig extends BetaConfig {
  timestep_spacing: TimestepSpacing;
  steps_offset: number;
  use_karras_sigmas: boolean;
  use_exponential_sigmas: boolean;
  final_sigmas_type: 'zero' | 'sigma_min';
}

/** Where the classes differ. */
export interface VpScheduleRules {
  /** σ range of a Karras or exponential schedule */
  sigmaMin: number;
  sigmaMax: number;
  /** Karras timesteps rounded to the nearest training step rather than truncated */
  roundKarras: boolean;
  /** `final_sigmas_type: sigma_min` after a Karras/exponential schedule ends on its own σ_min, not the training σ_0 */
  finalFromSchedule: boolean;
}

/** `train`: the training σ_t, t = 0 … T−1. Returns n timesteps and n + 1 levels, as float32 values. */
export function vpSchedule(
  cfg: VpScheduleConfig,
  train: Float64Array,
  n: number,
  rules: VpScheduleRules,
): { timesteps: Float64Array; sigmas: Float64Array } {
  let sigmas: Float64Array;
  let timesteps: Float64Array;
  const custom = cfg.use_karras_sigmas || cfg.use_exponential_sigmas;
  if (custom) {
    const { sigmaMin: lo, sigmaMax: hi } = rules;
    sigmas = cfg.use_karras_sigmas ? karrasSigmas(lo, hi, n) : exponentialSigmas(lo, hi, n);
    const logTrain = logSigmas(train);
    const round = cfg.use_karras_sigmas && rules.roundKarras;
    timesteps = sigmas.map((s) => sigmaToTimestep(s, logTrain)).map((t) => (round ? roundHalfEven(t) : t));
  } else {
    timesteps =
      cfg.timestep_spacing === 'trailing'
        ? spacedTimesteps('trailing', n, cfg.num_train_timesteps, 0)
        : spacedTimesteps(cfg.timestep_spacing, n + 1, cfg.num_train_timesteps, cfg.steps_offset)
            .subarray(0, n)
            .map(roundHalfEven);
    sigmas = timesteps.map((t) => interpolate(train, t));
  }
  const minimum = custom && rules.finalFromSchedule ? sigmas[n - 1] : train[0];
  const last = cfg.final_sigmas_type === 'zero' ? 0 : minimum;
  return { timesteps: timesteps.map(Math.trunc), sigmas: Float64Array.from([...sigmas, last], f32) };
}
