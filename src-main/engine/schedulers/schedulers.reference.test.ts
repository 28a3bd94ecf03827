// Every case of ../shared/reference/scheduler-cases.json and scheduler-cases-extra.json: schedules and whole
// trajectories from diffusers.
import { expect, it } from 'vitest';
import { describeWithShared, readSharedJson } from '../../../test-support/shared.ts';
import { TorchGenerator } from '../noise/torch-generator.ts';
import { createScheduler } from './create.ts';
import { modelNoiseLevel } from './noise-levels.testing.ts';
import type { Scheduler } from './types.ts';

interface SchedulerCase {
  class: string;
  config: Record<string, unknown>;
  steps: number;
  seed: number;
  shape: number[];
  timesteps: number[];
  sigmas: number[] | null;
  init_noise_sigma: number;
  initial_sample: number[];
  after_first_step: number[];
  final_sample: number[];
}

/** Within 1e-4 relative (with a 1e-6 floor for values near zero). */
function expectClose(actual: ArrayLike<number>, expected: readonly number[], what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const tolerance = 1e-6 + 1e-4 * Math.abs(expected[i]);
    if (!(Math.abs(actual[i] - expected[i]) <= tolerance)) {
      expect.fail(`${what}[${i}]: got ${actual[i]}, expected ${expected[i]}`);
    }
  }
}

/** The stand-in model of the file's `about`, on the scaled model input. */
function standIn(x: Float32Array, t: number): Float32Array {
  return x.map((v) => 0.3 * v * Math.cos(t / 137) + 0.2 * Math.sin(1.7 * v + t / 50));
}

/**
 * The stand-in denoiser re-expressed as a v-prediction model: v = α·ε − σ·x̂₀ = (ε − σ·x)/α on the
 * variance-preserving input x. For EDM, diffusers' v convention only flips the sign of the output.
 */
function standInAsV(scheduler: Scheduler, c: SchedulerCase, step: number): (x: Float32Array, t: number) => Float32Array {
  if (c.class.startsWith('EDM')) return (x, t) => standIn(x, t).map((v) => -v);
  return (x, t) => {
    const { alpha, sigma } = modelNoiseLevel(scheduler, step, t);
    const eps = standIn(x, t);
    return eps.map((e, i) => (e - sigma * x[i]) / alpha);
  };
}

/** Both reference files and the number of scheduler classes each covers. */
const FILES = { 'scheduler-cases.json': 6, 'scheduler-cases-extra.json': 6 };

for (const [file, classes] of Object.entries(FILES)) {
  describeWithShared(`schedulers reproduce diffusers (${file})`, () => {
    const { cases } = readSharedJson<{ cases: SchedulerCase[] }>('reference', file);

    it('covers every scheduler class', () => {
      expect(new Set(cases.map((c) => c.class)).size).toBe(classes);
    });

    for (const c of cases) {
      it(`${c.class}, ${c.steps} steps, ${JSON.stringify(c.config)}`, () => {
        const warnings: string[] = [];
        const scheduler = createScheduler({ _class_name: c.class, ...c.config }, { onWarning: (m) => warnings.push(m) });
        expect(warnings).toEqual([]);
        scheduler.setTimesteps(c.steps);
        expectClose(scheduler.timesteps, c.timesteps, 'timesteps');
        if (c.sigmas === null) expect(scheduler.sigmas).toBeUndefined();
        else expectClose(scheduler.sigmas ?? [], c.sigmas, 'sigmas');
        expectClose([scheduler.initNoiseSigma], [c.init_noise_sigma], 'init_noise_sigma');

        // one generator for the starting noise and every step's noise, as in the reference loop
        const generator = new TorchGenerator(c.seed);
        let x: Float32Array = generator.randn(c.shape).map((v) => v * scheduler.initNoiseSigma);
        expectClose(x, c.initial_sample, 'initial sample');
        scheduler.timesteps.forEach((t, i) => {
          const output = standIn(scheduler.scaleModelInput(x, t), t);
          x = scheduler.step(output, t, x, generator).prevSample;
          if (i === 0) expectClose(x, c.after_first_step, 'after the first step');
        });
        expectClose(x, c.final_sample, 'final sample');
      });
    }
  });

  describeWithShared(`v_prediction follows the same trajectories (${file})`, () => {
    const { cases } = readSharedJson<{ cases: SchedulerCase[] }>('reference', file);
    // diffusers' PNDM turns v into ε after combining outputs of different steps, at one step's level: with v
    // its trajectory differs from the ε one (the reference cases above check it as diffusers runs it)
    for (const c of cases.filter((c) => c.class !== 'PNDMScheduler')) {
      it(`${c.class} given the stand-in model as v, ${JSON.stringify(c.config)}`, () => {
        const scheduler = createScheduler({ _class_name: c.class, ...c.config, prediction_type: 'v_prediction' });
        scheduler.setTimesteps(c.steps);
        const generator = new TorchGenerator(c.seed);
        let x: Float32Array = generator.randn(c.shape).map((v) => v * scheduler.initNoiseSigma);
        scheduler.timesteps.forEach((t, i) => {
          const output = standInAsV(scheduler, c, i)(scheduler.scaleModelInput(x, t), t);
          x = scheduler.step(output, t, x, generator).prevSample;
        });
        expectClose(x, c.final_sample, 'final sample');
      });
    }
  });
}
