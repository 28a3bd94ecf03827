// Choosing inference timesteps and noise levels: spacing rules, Karras and exponential sigmas, σ ↔ t.
// Rounding follows numpy (half to even), which diffusers uses, so the same step counts give the same timesteps.

export const TIMESTEP_SPACINGS = ['linspace', 'leading', 'trailing'] as const;
export type TimestepSpacing = (typeof TIMESTEP_SPACINGS)[number];

export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export function checkStepCount(n: number, trainSteps: number): void {
  if (!Number.isInteger(n) || n < 1 || n > trainSteps) {
    throw new Error(`the number of steps must be an integer from 1 to ${trainSteps}, got ${n}`);
  }
}

/** numpy.linspace: start + i·step, with the end point exact. */
export function linspace(start: number, end: number, n: number): Float64Array {
  const out = new Float64Array(n);
  const step = (end - start) / (n - 1);
  for (let i = 0; i < n; i++) out[i] = start + i * step;
  if (n > 1) out[n - 1] = end;
  return out;
}

/**
 * `n` timesteps from high to low noise (Lin et al. 2023, table 2). `linspace` may be fractional; callers that
 * need integers round it. `leading` adds `stepsOffset`; `trailing` always starts at the last training step.
 */
export function spacedTimesteps(spacing: TimestepSpacing, n: number, trainSteps: number, stepsOffset: number): Float64Array {
  if (spacing === 'linspace') return linspace(0, trainSteps - 1, n).reverse();
  if (spacing === 'leading') {
    const ratio = Math.floor(trainSteps / n);
    return Float64Array.from({ length: n }, (_, i) => (n - 1 - i) * ratio + stepsOffset);
  }
  // Exactly n values: diffusers' numpy.arange(T, 0, −T/n) yields an extra t = −1 for some n (61, 103, …).
  const ratio = trainSteps / n;
  return Float64Array.from({ length: n }, (_, i) => roundHalfEven(trainSteps - i * ratio) - 1);
}

/** Piecewise-linear value of the table `table` (indexed 0, 1, …) at fractional index `x`. */
export function interpolate(table: Float64Array, x: number): number {
  if (x <= 0) return table[0];
  const last = table.length - 1;
  if (x >= last) return table[last];
  const i = Math.floor(x);
  return table[i] + (x - i) * (table[i + 1] - table[i]);
}

/**
 * ln σ of the training table as diffusers holds it for σ → t: numpy logs of the float32 table, float32 too. The
 * rounding matters where a timestep is truncated: σ_max maps to 998.99… rather than 999.
 */
export function logSigmas(train: Float64Array): Float64Array {
  return train.map((s) => Math.fround(Math.log(s)));
}

/** The fractional training timestep whose σ is `sigma`, interpolating linearly in log σ (`logSigmas`). */
export function sigmaToTimestep(sigma: number, logSigmas: Float64Array): number {
  const logSigma = Math.log(Math.max(sigma, 1e-10));
  let low = 0;
  for (let i = 0; i < logSigmas.length; i++) if (logSigma >= logSigmas[i]) low = i;
  low = Math.min(low, logSigmas.length - 2);
  const w = (logSigmas[low] - logSigma) / (logSigmas[low] - logSigmas[low + 1]);
  const clamped = Math.min(Math.max(w, 0), 1);
  return (1 - clamped) * low + clamped * (low + 1);
}

/** Karras et al. 2022, eq. 5: evenly spaced in σ^(1/ρ), from σ_max down to σ_min. */
export function karrasSigmas(sigmaMin: number, sigmaMax: number, n: number, rho = 7): Float64Array {
  const minInv = sigmaMin ** (1 / rho);
  const maxInv = sigmaMax ** (1 / rho);
  return linspace(0, 1, n).map((r) => (maxInv + r * (minInv - maxInv)) ** rho);
}

/** Evenly spaced in log σ, from σ_max down to σ_min. */
export function exponentialSigmas(sigmaMin: number, sigmaMax: number, n: number): Float64Array {
  return linspace(Math.log(sigmaMax), Math.log(sigmaMin), n).map(Math.exp);
}
