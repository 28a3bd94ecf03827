import { describe, expect, it } from 'vitest';
import { SCHEDULER_CHOICES } from '../../../src-shared/domain/settings.ts';
import { TorchGenerator } from '../noise/torch-generator.ts';
import { createScheduler } from './create.ts';
import { modelNoiseLevel } from './noise-levels.testing.ts';
import { roundHalfEven } from './spacing.ts';
import { SCHEDULER_NAMES, type PredictionType, type Scheduler, type SchedulerName } from './types.ts';

/** SD 1.5's scheduler_config.json, as its ONNX exports ship it. */
const SD15 = {
  _class_name: 'PNDMScheduler',
  beta_start: 0.00085,
  beta_end: 0.012,
  beta_schedule: 'scaled_linear',
  num_train_timesteps: 1000,
  set_alpha_to_one: false,
  skip_prk_steps: true,
  steps_offset: 1,
  trained_betas: null,
  clip_sample: false,
};
const PLAYGROUND = { _class_name: 'EDMDPMSolverMultistepScheduler', sigma_data: 0.5, sigma_max: 80, sigma_min: 0.002 };

function timestepsOf(config: Record<string, unknown>, steps: number, override?: SchedulerName): number[] {
  const scheduler = createScheduler(config, { override });
  scheduler.setTimesteps(steps);
  return Array.from(scheduler.timesteps);
}

describe('timestep spacing (values from numpy, as diffusers computes them)', () => {
  const base = { ...SD15, steps_offset: 0 };
  it('linspace: fractional for Euler, rounded half to even for DDIM', () => {
    expect(timestepsOf({ ...base, _class_name: 'EulerDiscreteScheduler', timestep_spacing: 'linspace' }, 7)).toEqual([
      999, 832.5, 666, 499.5, 333, 166.5, 0,
    ]);
    expect(timestepsOf({ ...base, _class_name: 'DDIMScheduler', timestep_spacing: 'linspace' }, 7)).toEqual([
      999, 832, 666, 500, 333, 166, 0,
    ]);
  });

  it('leading adds steps_offset; trailing starts at the last training step', () => {
    expect(timestepsOf({ ...SD15, _class_name: 'DDIMScheduler' }, 10)).toEqual([901, 801, 701, 601, 501, 401, 301, 201, 101, 1]);
    expect(timestepsOf({ ...base, _class_name: 'EulerDiscreteScheduler', timestep_spacing: 'trailing' }, 16)).toEqual([
      999, 937, 874, 811, 749, 687, 624, 561, 499, 437, 374, 311, 249, 187, 124, 61,
    ]);
  });

  it('trailing gives exactly n timesteps, never t = −1 (numpy.arange gives 62 for 61)', () => {
    const t = timestepsOf({ ...base, _class_name: 'EulerDiscreteScheduler', timestep_spacing: 'trailing' }, 61);
    expect(t).toHaveLength(61);
    expect(Math.min(...t)).toBeGreaterThanOrEqual(0);
  });

  it('DPM-Solver spaces n+1 points and drops the last', () => {
    expect(timestepsOf({ ...base, _class_name: 'DPMSolverMultistepScheduler', timestep_spacing: 'linspace' }, 10)).toEqual([
      999, 899, 799, 699, 599, 500, 400, 300, 200, 100,
    ]);
    expect(timestepsOf({ ...SD15, _class_name: 'DPMSolverMultistepScheduler', timestep_spacing: 'leading' }, 10)).toEqual([
      901, 811, 721, 631, 541, 451, 361, 271, 181, 91,
    ]);
  });

  it('LCM picks evenly from its distilled schedule', () => {
    expect(timestepsOf({ ...SD15, _class_name: 'LCMScheduler' }, 6)).toEqual([999, 839, 679, 499, 339, 179]);
    expect(() => timestepsOf({ ...SD15, _class_name: 'LCMScheduler' }, 51)).toThrow(/original_inference_steps/);
  });

  it('rounds half to even like numpy', () => {
    expect([0.5, 1.5, 2.5, 166.5, 499.5, -0.5, 2.4].map(roundHalfEven)).toEqual([0, 2, 2, 166, 500, -0, 2]);
  });
});

/**
 * A perfect model: it knows the clean sample x₀ and answers exactly, in the scheduler's parameterisation.
 * Every scheduler must then denoise to x₀ at every step and end on it. Also returns the step's σ/α,
 * which bounds how much float32 rounding of the sample can disturb the x₀ estimate.
 */
function exactModel(scheduler: Scheduler, x0: Float32Array, prediction: PredictionType) {
  return (input: Float32Array, t: number, step: number) => {
    const { alpha, sigma } = modelNoiseLevel(scheduler, step, t);
    const output = input.map((x, i) => {
      const eps = (x - alpha * x0[i]) / sigma;
      return prediction === 'epsilon' ? eps : prediction === 'v_prediction' ? alpha * eps - sigma * x0[i] : x0[i];
    });
    return { output, noiseToSignal: sigma / alpha };
  };
}

function expectNear(actual: Float32Array, expected: Float32Array, what: string, tolerance = 1e-4): void {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  expect(worst, what).toBeLessThan(tolerance);
}

describe('an exact model leads every scheduler to the clean sample', () => {
  const x0 = Float32Array.from({ length: 2 * 4 * 3 * 3 }, (_, i) => 0.9 * Math.sin(i * 1.3));
  const variants: Record<string, Record<string, unknown>> = {
    'SD 1.5': SD15,
    'trailing, linear betas': {
      ...SD15,
      beta_schedule: 'linear',
      beta_start: 0.0001,
      beta_end: 0.02,
      timestep_spacing: 'trailing',
    },
    'cosine betas, Karras': {
      ...SD15,
      beta_schedule: 'squaredcos_cap_v2',
      use_karras_sigmas: true,
      timestep_spacing: 'linspace',
    },
  };
  const vpNames = SCHEDULER_NAMES.filter((n) => n !== 'edm-dpmpp-2m');
  for (const [variant, config] of Object.entries(variants)) {
    for (const name of vpNames) {
      for (const prediction of ['epsilon', 'v_prediction', 'sample'] as const) {
        // PNDM, as diffusers runs it, turns v into ε after combining outputs of different steps, so an exact v
        // model does not keep it on the exact path; and with cosine betas it steps ε from t = 999 (ᾱ ≈ 2·10⁻⁹),
        // where float32 rounding of the sample grows ~10⁴-fold. The reference cases check it as diffusers runs.
        if (name === 'pndm' && (prediction === 'v_prediction' || variant.startsWith('cosine'))) continue;
        it(`${name}, ${prediction}, ${variant}`, () => {
          // DDIM ends on ᾱ = 1 (a clean sample) only with set_alpha_to_one
          const scheduler = createScheduler(
            { ...config, prediction_type: prediction, set_alpha_to_one: true },
            { override: name, onWarning: () => {} },
          );
          // 5 divides the 1000 training steps: DDIM's t − ⌊T/n⌋ then lands on the schedule's own levels
          scheduler.setTimesteps(5);
          const model = exactModel(scheduler, x0, prediction);
          const generator = new TorchGenerator(7);
          let x: Float32Array = generator.randn([x0.length]).map((v) => v * scheduler.initNoiseSigma);
          scheduler.timesteps.forEach((t, i) => {
            const { output, noiseToSignal } = model(scheduler.scaleModelInput(x, t), t, i);
            const { prevSample, denoised } = scheduler.step(output, t, x, generator);
            // LCM's boundary condition keeps a vanishing share (c_skip) of the noisy sample
            expectNear(denoised, x0, `x₀ estimate at step ${i}`, 1e-4 + 1e-6 * noiseToSignal);
            x = prevSample;
          });
          expectNear(x, x0, 'final sample');
        });
      }
    }
  }

  it('DDIM steps to t − ⌊T/n⌋ like diffusers, even where that is not the next timestep', () => {
    const scheduler = createScheduler({ ...SD15, timestep_spacing: 'trailing', set_alpha_to_one: true }, { override: 'ddim' });
    scheduler.setTimesteps(6);
    expect([...scheduler.timesteps]).toEqual([999, 832, 666, 499, 332, 166]);
    const model = exactModel(scheduler, x0, 'epsilon');
    let x: Float32Array = new TorchGenerator(7).randn([x0.length]);
    scheduler.timesteps.forEach((t, i) => {
      x = scheduler.step(model(scheduler.scaleModelInput(x, t), t, i).output, t, x).prevSample;
    });
    // the last step (t = 166) goes to t = 0, whose ᾱ_0 < 1 leaves a trace of noise, as in diffusers
    let worst = 0;
    for (let i = 0; i < x0.length; i++) worst = Math.max(worst, Math.abs(x[i] - x0[i]));
    expect(worst).toBeGreaterThan(1e-4);
    expect(worst).toBeLessThan(0.1);
  });

  it('zero-terminal-SNR v models (rescale_betas_zero_snr) start from pure noise', () => {
    for (const name of ['euler', 'ddim', 'dpmpp-2m'] as const) {
      const config = {
        ...SD15,
        set_alpha_to_one: true,
        rescale_betas_zero_snr: true,
        timestep_spacing: 'trailing',
        prediction_type: 'v_prediction',
      };
      const scheduler = createScheduler(config, { override: name });
      scheduler.setTimesteps(5);
      const model = exactModel(scheduler, x0, 'v_prediction');
      let x: Float32Array = new TorchGenerator(1).randn([x0.length]).map((v) => v * scheduler.initNoiseSigma);
      scheduler.timesteps.forEach((t, i) => {
        x = scheduler.step(model(scheduler.scaleModelInput(x, t), t, i).output, t, x).prevSample;
      });
      expectNear(x, x0, name);
    }
  });

  for (const prediction of ['epsilon', 'v_prediction'] as const) {
    it(`edm-dpmpp-2m, ${prediction}`, () => {
      const scheduler = createScheduler({ ...PLAYGROUND, prediction_type: prediction });
      scheduler.setTimesteps(8);
      const data = 0.5;
      let x: Float32Array = new TorchGenerator(3).randn([x0.length]).map((v) => v * scheduler.initNoiseSigma);
      scheduler.timesteps.forEach((t, i) => {
        // EDM preconditioning (Karras et al. 2022, table 1): D = c_skip·x + c_out·F
        const s = scheduler.sigmas![i];
        const skip = data ** 2 / (s * s + data ** 2);
        const out = ((prediction === 'epsilon' ? 1 : -1) * s * data) / Math.sqrt(s * s + data ** 2);
        const F = x.map((v, j) => (x0[j] - skip * v) / out);
        const { prevSample, denoised } = scheduler.step(F, t, x);
        expectNear(denoised, x0, `x₀ estimate at step ${i}`);
        x = prevSample;
      });
      expectNear(x, x0, 'final sample');
    });
  }
});

describe('createScheduler', () => {
  it('implements every scheduler the settings offer', () => {
    for (const name of SCHEDULER_NAMES) {
      const config = name === 'edm-dpmpp-2m' ? PLAYGROUND : SD15;
      expect(createScheduler(config, { override: name, onWarning: () => {} }).name).toBe(name);
    }
    expect(SCHEDULER_NAMES).toHaveLength(SCHEDULER_CHOICES.length - 1);
  });

  it('runs SD 1.x/2.x with their own PNDM, without a warning', () => {
    const warnings: string[] = [];
    const scheduler = createScheduler(SD15, { onWarning: (m) => warnings.push(m) });
    expect(scheduler.name).toBe('pndm');
    expect(warnings).toEqual([]);
    scheduler.setTimesteps(4);
    // PLMS: the second timestep twice, one model call more than steps
    expect([...scheduler.timesteps]).toEqual([751, 501, 501, 251, 1]);
  });

  it('falls back to Euler discrete, with a warning, for classes it does not implement', () => {
    const warnings: string[] = [];
    const scheduler = createScheduler({ ...SD15, _class_name: 'DEISMultistepScheduler' }, { onWarning: (m) => warnings.push(m) });
    expect(scheduler.name).toBe('euler');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/"DEISMultistepScheduler" is not supported; using EulerDiscreteScheduler/);
    // the same noise schedule: SD 1.5's betas, and Euler's own default spacing
    scheduler.setTimesteps(4);
    const euler = createScheduler({ ...SD15, _class_name: 'EulerDiscreteScheduler' });
    euler.setTimesteps(4);
    expect(scheduler.sigmas).toEqual(euler.sigmas);
    expect(scheduler.config.prediction_type).toBe('epsilon');
  });

  it('falls back for a missing class name, and to the EDM solver for other EDM classes', () => {
    const warnings: string[] = [];
    expect(createScheduler({ beta_schedule: 'scaled_linear' }, { onWarning: (m) => warnings.push(m) }).name).toBe('euler');
    const edmEuler = { ...PLAYGROUND, _class_name: 'EDMEulerScheduler' };
    expect(createScheduler(edmEuler, { onWarning: (m) => warnings.push(m) }).name).toBe('edm-dpmpp-2m');
    expect(warnings).toEqual([
      expect.stringMatching(/\(no _class_name\) is not supported/),
      expect.stringMatching(/"EDMEulerScheduler" is not supported; using EDMDPMSolverMultistepScheduler/),
    ]);
  });

  it('an override keeps the model noise schedule and prediction type', () => {
    const scheduler = createScheduler({ ...SD15, prediction_type: 'v_prediction' }, { override: 'dpmpp-2m-karras' });
    expect(scheduler.name).toBe('dpmpp-2m-karras');
    expect(scheduler.config).toMatchObject({
      beta_schedule: 'scaled_linear',
      prediction_type: 'v_prediction',
      use_karras_sigmas: true,
    });
    // SD 1.5's betas with Karras sigmas: the timesteps of the reference DPM-Solver++ 2M Karras case
    expect(timestepsOf(SD15, 12, 'dpmpp-2m-karras')).toEqual([999, 933, 854, 761, 646, 506, 345, 190, 78, 23, 4, 0]);
    const karrasConfig = { ...SD15, _class_name: 'DPMSolverMultistepScheduler', use_karras_sigmas: true };
    expect(createScheduler(karrasConfig, { override: 'dpmpp-2m' }).name).toBe('dpmpp-2m');
  });

  it('warns when the override does not suit the model family', () => {
    const warnings: string[] = [];
    createScheduler(PLAYGROUND, { override: 'euler', onWarning: (m) => warnings.push(m) });
    createScheduler(SD15, { override: 'edm-dpmpp-2m', onWarning: (m) => warnings.push(m) });
    createScheduler(SD15, { override: 'lcm', onWarning: (m) => warnings.push(m) });
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/"euler" does not suit this model/);
  });

  it('warns about options it does not implement, and rejects invalid configs', () => {
    const warnings: string[] = [];
    const config = {
      ...SD15,
      _class_name: 'DPMSolverMultistepScheduler',
      algorithm_type: 'sde-dpmsolver',
      solver_order: 3,
      thresholding: true,
    };
    expect(createScheduler(config, { onWarning: (m) => warnings.push(m) }).name).toBe('dpmpp-2m');
    expect(warnings).toEqual([
      expect.stringMatching(/"thresholding": true is not supported/),
      expect.stringMatching(/"algorithm_type": "sde-dpmsolver" is not supported; using dpmsolver\+\+/),
      expect.stringMatching(/solver_order 3 is not supported; using 2/),
    ]);
    expect(() => createScheduler([])).toThrow(/JSON object/);
    expect(() => createScheduler({ ...SD15, beta_schedule: 'cubic' })).toThrow(/"beta_schedule" is "cubic"; expected one of/);
    expect(() => createScheduler({ ...SD15, steps_offset: '1' })).toThrow(/"steps_offset" must be a number/);
    expect(() => createScheduler(SD15, { override: 'dpmpp-3m' as SchedulerName })).toThrow(/unknown scheduler "dpmpp-3m"/);
  });
});

describe('stepping', () => {
  const standIn = (x: Float32Array, t: number) => x.map((v) => 0.3 * v * Math.cos(t / 137) + 0.2 * Math.sin(1.7 * v + t / 50));
  function run(scheduler: Scheduler, start: Float32Array): Float32Array {
    scheduler.setTimesteps(8);
    let x: Float32Array = start;
    for (const t of scheduler.timesteps) x = scheduler.step(standIn(scheduler.scaleModelInput(x, t), t), t, x).prevSample;
    return x;
  }

  it('is elementwise: a batch of frames equals each frame alone, and setTimesteps restarts the history', () => {
    const frame = new TorchGenerator(5).randn([1, 4, 2, 2]);
    const scheduler = createScheduler({ ...SD15, _class_name: 'DPMSolverMultistepScheduler', use_karras_sigmas: true });
    const alone = run(scheduler, frame);
    const batch = run(scheduler, Float32Array.from([...frame, ...frame]));
    expect(batch.subarray(0, frame.length)).toEqual(alone);
    expect(batch.subarray(frame.length)).toEqual(alone);
  });

  it('refuses steps out of order, missing noise, and mismatched lengths', () => {
    const euler = createScheduler({ ...SD15, _class_name: 'EulerDiscreteScheduler' });
    const x = new Float32Array(4);
    expect(() => euler.step(x, 999, x)).toThrow(/setTimesteps/);
    euler.setTimesteps(3);
    const [first, second] = euler.timesteps;
    expect(() => euler.step(x, 12345, x)).toThrow(/not in this schedule/);
    euler.step(x, first, x);
    expect(() => euler.step(x, first, x)).toThrow(new RegExp(`expected timestep ${second}`));
    expect(() => euler.step(new Float32Array(3), second, x)).toThrow(/3 values but the sample has 4/);

    const ancestral = createScheduler({ ...SD15, _class_name: 'EulerAncestralDiscreteScheduler' });
    ancestral.setTimesteps(3);
    expect(() => ancestral.step(x, ancestral.timesteps[0], x)).toThrow(/NoiseSource/);
  });
});

describe('second-order and multistep schedules', () => {
  const sd15 = (className: string, extra: Record<string, unknown> = {}) => ({ ...SD15, _class_name: className, ...extra });

  it('Heun and KDPM2 make 2n − 1 model calls; PNDM n + 1 (PLMS) or n + 9 (PRK warm-up)', () => {
    for (const [config, calls] of [
      [sd15('HeunDiscreteScheduler'), 2 * 6 - 1],
      [sd15('KDPM2DiscreteScheduler'), 2 * 6 - 1],
      [SD15, 6 + 1],
      [{ ...SD15, skip_prk_steps: false }, 6 + 9],
    ] as const) {
      const scheduler = createScheduler(config);
      scheduler.setTimesteps(6);
      expect(scheduler.timesteps, config._class_name).toHaveLength(calls);
    }
    expect(() => createScheduler({ ...SD15, skip_prk_steps: false }).setTimesteps(3)).toThrow(/at least 4 steps/);
  });

  it('KDPM2 feeds fractional midpoint timesteps between whole ones; its Karras timesteps are whole', () => {
    const kdpm2 = createScheduler(sd15('KDPM2DiscreteScheduler'));
    kdpm2.setTimesteps(4);
    const midpoints = [...kdpm2.timesteps].filter((_, i) => i % 2 === 1);
    expect([...kdpm2.timesteps].filter((_, i) => i % 2 === 0)).toEqual([999, 666, 333, 0]);
    expect(midpoints.every((t) => !Number.isInteger(t))).toBe(true);
    // each midpoint lies between the steps around it
    expect(midpoints[0]).toBeLessThan(999);
    expect(midpoints[0]).toBeGreaterThan(666);
    const karras = createScheduler(SD15, { override: 'kdpm2-karras' });
    karras.setTimesteps(4);
    expect(karras.name).toBe('kdpm2-karras');
    expect([...karras.timesteps].filter((_, i) => i % 2 === 0).every(Number.isInteger)).toBe(true);
  });

  it('Karras variants keep the model schedule and change σ: fractional for Heun and LMS, whole for UniPC and DPM', () => {
    for (const [name, whole] of [
      ['heun-karras', false],
      ['lms-karras', false],
      ['unipc-karras', true],
      ['dpmpp-2m-sde-karras', true],
    ] as const) {
      const karras = createScheduler(SD15, { override: name });
      const plain = createScheduler(SD15, { override: name.replace('-karras', '') as SchedulerName });
      karras.setTimesteps(8);
      plain.setTimesteps(8);
      expect(karras.name).toBe(name);
      expect(karras.sigmas![0]).toBeCloseTo(plain.sigmas![0], 5); // both start at the model's σ_max …
      expect(karras.sigmas).not.toEqual(plain.sigmas); // … and space the rest differently
      expect([...karras.timesteps].every(Number.isInteger), name).toBe(whole);
    }
  });

  it('UniPC and DPM-Solver use whole timesteps; Heun and LMS linspace ones may be fractional', () => {
    const t = (config: Record<string, unknown>) => timestepsOf({ ...config, timestep_spacing: 'linspace' }, 7);
    expect(t(sd15('UniPCMultistepScheduler')).every(Number.isInteger)).toBe(true);
    expect(t(sd15('LMSDiscreteScheduler'))).toContain(832.5);
    expect(t(sd15('HeunDiscreteScheduler'))).toContain(832.5);
  });

  it('the SDE solver draws one noise per step, the last included, and needs a source', () => {
    const scheduler = createScheduler(SD15, { override: 'dpmpp-2m-sde' });
    scheduler.setTimesteps(5);
    const generator = new TorchGenerator(3);
    const draws: number[][] = [];
    const counting = { randn: (shape: readonly number[]) => (draws.push([...shape]), generator.randn(shape)) };
    const x = new Float32Array(16).fill(0.5);
    for (const t of scheduler.timesteps) scheduler.step(x, t, x, counting);
    expect(draws).toEqual(Array.from({ length: 5 }, () => [16]));
    scheduler.setTimesteps(5);
    expect(() => scheduler.step(x, scheduler.timesteps[0], x)).toThrow(/NoiseSource/);
  });

  it('warns about options it ignores and repairs what diffusers would turn into NaN', () => {
    const warnings: string[] = [];
    const onWarning = (m: string) => warnings.push(m);
    const unipc = createScheduler(sd15('UniPCMultistepScheduler', { solver_type: 'bh1', thresholding: true, solver_p: {} }), { onWarning });
    expect(unipc.config).toMatchObject({ final_sigmas_type: 'sigma_min' });
    createScheduler(sd15('UniPCMultistepScheduler', { predict_x0: false, solver_type: 'midpoint' }), { onWarning });
    createScheduler(sd15('HeunDiscreteScheduler', { use_beta_sigmas: true }), { onWarning });
    expect(warnings).toEqual([
      expect.stringMatching(/"thresholding": true is not supported/),
      expect.stringMatching(/"solver_p": \{\} is not supported/),
      expect.stringMatching(/bh1 cannot step to σ = 0 .* using "sigma_min"/),
      expect.stringMatching(/predict_x0 false cannot step to σ = 0/),
      expect.stringMatching(/HeunDiscreteScheduler: "use_beta_sigmas": true is not supported/),
    ]);
    expect(() => createScheduler(sd15('UniPCMultistepScheduler', { disable_corrector: 'all' }))).toThrow(/"disable_corrector" must be a object/);
    expect(() => createScheduler(sd15('LMSDiscreteScheduler', { use_karras_sigmas: true, use_exponential_sigmas: true }))).toThrow(
      /exclude each other/,
    );
  });
});
