// For tests that play the model: the (α, σ) of the sample the model sees at call `step` of a schedule.
import { KDPM2DiscreteScheduler } from './kdpm2.ts';
import { alphasCumprod, BETA_DEFAULTS } from './noise-schedule.ts';
import { vpFromSigma } from './prediction.ts';
import type { Scheduler } from './types.ts';

export function modelNoiseLevel(scheduler: Scheduler, step: number, t: number): { alpha: number; sigma: number } {
  // KDPM2's midpoint calls (every second) see its interpolated level
  if (scheduler instanceof KDPM2DiscreteScheduler && step % 2 === 1) return vpFromSigma(scheduler.sigmasInterpol[step]);
  if (scheduler.sigmas) return vpFromSigma(scheduler.sigmas[step]);
  const ac = alphasCumprod({ ...BETA_DEFAULTS, ...(scheduler.config as object) })[t];
  return { alpha: Math.sqrt(ac), sigma: Math.sqrt(1 - ac) };
}
