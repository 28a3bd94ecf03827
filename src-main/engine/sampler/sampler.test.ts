import { describe, expect, it } from 'vitest';
import { TorchGenerator } from '../noise/torch-generator.ts';
import { createScheduler } from '../schedulers/index.ts';
import type { UnetInput } from '../models/model-types.ts';
import { denoise } from './denoise.ts';
import { FrameNoise } from './frame-noise.ts';
import { applyGuidance } from './guidance.ts';
import { planUnetCalls, type GuidanceBranch } from './unet-calls.ts';

describe('FrameNoise', () => {
  it('draws each frame’s starting latents and then its step noise from the frame’s own generator, as diffusers does', () => {
    const noise = new FrameNoise([5, 9]);
    const latents = noise.initialLatents([4, 3, 2], 2.5);
    const step = noise.randn([2 * 24]);
    for (const [i, seed] of [5, 9].entries()) {
      const torch = new TorchGenerator(seed);
      const start = torch.randn([1, 4, 3, 2]).map((x) => Math.fround(x * 2.5));
      expect(latents.subarray(i * 24, (i + 1) * 24)).toEqual(start);
      expect(step.subarray(i * 24, (i + 1) * 24)).toEqual(torch.randn([1, 4, 3, 2]));
    }
  });

  it('refuses a draw it cannot split evenly over its frames', () => {
    expect(() => new FrameNoise([1, 2]).randn([5])).toThrow(/Cannot split 5 noise values over 2 frames/);
  });
});

describe('applyGuidance', () => {
  it('computes u + g·(c − u) in float32 steps', () => {
    const out = applyGuidance(new Float32Array(2), Float32Array.of(0.1, -1), Float32Array.of(0.3, 2), 7.5);
    const f = Math.fround;
    expect([...out]).toEqual([f(f(0.1) + f(7.5 * f(f(0.3) - f(0.1)))), f(-1 + f(7.5 * 3))]);
  });
});

describe('planUnetCalls', () => {
  const shape = { batch: 2, latentHeight: 1, latentWidth: 1, timeIds: Float32Array.of(8, 8, 0, 0, 8, 8) };
  const branch = (tokens: number, fill: number): GuidanceBranch => ({
    context: new Float32Array(2 * tokens * 3).fill(fill),
    tokens,
    textEmbeds: Float32Array.of(fill, fill),
  });

  it('runs both guidance branches as one batch when their contexts have one length (unconditional first)', () => {
    const [call] = planUnetCalls([branch(4, 0), branch(4, 1)], shape);
    expect(call.branches).toBe(2);
    expect(call.input).toMatchObject({ batch: 4, contextTokens: 4 });
    expect([...call.input.context]).toEqual([...new Array(24).fill(0), ...new Array(24).fill(1)]);
    expect([...(call.input.textEmbeds ?? [])]).toEqual([0, 0, 1, 1]);
    expect(call.input.timeIds).toHaveLength(4 * 6);
    expect(call.sampleBuffer).toHaveLength(2 * 2 * 4);
  });

  it('runs branches of different lengths (IPCA reference) as separate calls', () => {
    const calls = planUnetCalls([branch(3, 0), branch(5, 1)], shape);
    expect(calls.map((c) => [c.branches, c.input.batch, c.input.contextTokens, c.sampleBuffer])).toEqual([
      [1, 2, 3, undefined],
      [1, 2, 5, undefined],
    ]);
  });
});

describe('denoise', () => {
  it('hands each step a model output of its own, so schedulers with history (PNDM) see every step’s guidance', async () => {
    // a stand-in UNet whose two guidance branches differ, so the guided output changes every step
    const unet = { predict: async (input: UnetInput) => input.sample.map((x, i) => 0.3 * x * Math.cos(input.timestep / 137) + (i < input.sample.length / 2 ? 0.01 : 0.02)) };
    const config = { _class_name: 'PNDMScheduler', skip_prk_steps: true, steps_offset: 1, beta_schedule: 'scaled_linear', beta_start: 0.00085, beta_end: 0.012 };
    const scheduler = createScheduler(config);
    scheduler.setTimesteps(5);
    const latents = new TorchGenerator(3).randn([1, 4, 2, 2]);
    const branch = (fill: number) => ({ context: new Float32Array(77 * 8).fill(fill), tokens: 77 });
    const { latents: sampled } = await denoise({ unet, scheduler, latents, batch: 1, latentHeight: 2, latentWidth: 2, cond: branch(1), uncond: branch(0), guidance: 5, noise: new FrameNoise([3]) });

    const reference = createScheduler(config);
    reference.setTimesteps(5);
    let x = latents;
    for (const t of reference.timesteps) {
      const both = await unet.predict({ sample: Float32Array.from([...x, ...x]), timestep: t } as UnetInput);
      x = reference.step(applyGuidance(new Float32Array(x.length), both.subarray(0, x.length), both.subarray(x.length), 5), t, x).prevSample;
    }
    expect(sampled).toEqual(x);
  });
});
