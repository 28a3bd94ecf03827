// The training noise schedule shared by the discrete-time schedulers: betas → ᾱ_t → σ_t.
// diffusers builds these tables in float32 torch tensors; Math.fround at the same points keeps ours
// equal to its values, so timesteps and sigmas agree to the last bit or close to it.

const f32 = Math.fround;

export const BETA_SCHEDULES = ['linear', 'scaled_linear', 'squaredcos_cap_v2'] as const;
export type BetaSchedule = (typeof BETA_SCHEDULES)[number];

export interface BetaConfig {
  num_train_timesteps: number;
  beta_start: number;
  beta_end: number;
  beta_schedule: BetaSchedule;
  trained_betas: readonly number[] | null;
  rescale_betas_zero_snr: boolean;
}

export const BETA_DEFAULTS: BetaConfig = {
  num_train_timesteps: 1000,
  beta_start: 0.0001,
  beta_end: 0.02,
  beta_schedule: 'linear',
  trained_betas: null,
  rescale_betas_zero_snr: false,
};

export const BETA_CHOICES = { beta_schedule: BETA_SCHEDULES } as const;

/** torch.linspace in float32: the first half counts up from `start`, the second half down from `end`. */
function linspaceF32(start: number, end: number, n: number): Float64Array {
  const a = f32(start);
  const b = f32(end);
  const step = f32(f32(b - a) / (n - 1));
  const out = new Float64Array(n);
  const half = Math.floor(n / 2);
  for (let i = 0; i < n; i++) {
    out[i] = i < half ? f32(a + f32(step * i)) : f32(b - f32(step * (n - 1 - i)));
  }
  return out;
}

/** Betas from a cosine ᾱ(t) (Nichol & Dhariwal), each step capped at 0.999. */
function cosineBetas(n: number): Float64Array {
  const alphaBar = (t: number): number => Math.cos(((t + 0.008) / 1.008) * (Math.PI / 2)) ** 2;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f32(Math.min(1 - alphaBar((i + 1) / n) / alphaBar(i / n), 0.999));
  return out;
}

/** Shift and scale √ᾱ so the last timestep has zero SNR (Lin et al. 2023, algorithm 1). */
function rescaleZeroTerminalSnr(betas: Float64Array): Float64Array {
  const sqrtBar = cumprod(betas.map((b) => 1 - b)).map(Math.sqrt);
  const first = sqrtBar[0];
  const last = sqrtBar[sqrtBar.length - 1];
  const bar = sqrtBar.map((s) => ((s - last) * first) / (first - last)).map((s) => s * s);
  return bar.map((a, i) => f32(1 - (i === 0 ? a : a / bar[i - 1])));
}

/** ᾱ_t, the running product of (1 − β); torch accumulates in double on CPU and stores float32. */
function cumprod(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  let acc = 1;
  for (let i = 0; i < values.length; i++) {
    acc *= values[i];
    out[i] = f32(acc);
  }
  return out;
}

export function betasOf(cfg: BetaConfig): Float64Array {
  const n = cfg.num_train_timesteps;
  if (!Number.isInteger(n) || n < 2) throw new Error(`"num_train_timesteps" must be an integer above 1, got ${n}`);
  let betas: Float64Array;
  if (cfg.trained_betas !== null) {
    const trained: unknown = cfg.trained_betas;
    if (!Array.isArray(trained) || trained.length !== n || trained.some((b) => typeof b !== 'number')) {
      throw new Error(`"trained_betas" must be an array of num_train_timesteps (${n}) numbers`);
    }
    betas = Float64Array.from(cfg.trained_betas, f32);
  } else if (cfg.beta_schedule === 'linear') {
    betas = linspaceF32(cfg.beta_start, cfg.beta_end, n);
  } else if (cfg.beta_schedule === 'scaled_linear') {
    betas = linspaceF32(Math.sqrt(cfg.beta_start), Math.sqrt(cfg.beta_end), n).map((s) => f32(s * s));
  } else {
    betas = cosineBetas(n);
  }
  return cfg.rescale_betas_zero_snr ? rescaleZeroTerminalSnr(betas) : betas;
}

/**
 * ᾱ_t for t = 0 … T−1. Sigma-based schedulers (`forSigmas`) cannot use a zero terminal ᾱ
 * (σ = √((1−ᾱ)/ᾱ) would be infinite), so with zero-SNR rescaling it becomes 2⁻²⁴ there, as in diffusers.
 */
export function alphasCumprod(cfg: BetaConfig, forSigmas = false): Float64Array {
  const ac = cumprod(betasOf(cfg).map((b) => f32(1 - b)));
  if (forSigmas && cfg.rescale_betas_zero_snr) ac[ac.length - 1] = 2 ** -24;
  return ac;
}

/** σ_t = √((1 − ᾱ_t)/ᾱ_t), increasing with t. */
export function trainingSigmas(ac: Float64Array): Float64Array {
  return ac.map((a) => f32(Math.sqrt(f32(f32(1 - a) / a))));
}
