import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '../models/model-types.ts';
import { toVaeLatents } from './vae-latents.ts';

const info = (latentsMean: number[] | null, latentsStd: number[] | null, vaeScalingFactor: number) =>
  ({ vaeScalingFactor, latentsMean, latentsStd }) as ModelInfo;

describe('toVaeLatents', () => {
  it('divides by the scaling factor in float32', () => {
    const latents = Float32Array.of(1, -2, 0.5, 3, 0.1, 0.2, 0.3, 0.4);
    const f = Math.fround;
    expect([...toVaeLatents(latents, 2, info(null, null, 0.13025))]).toEqual([...latents].map((x) => f(x / f(0.13025))));
  });

  it('undoes Playground v2.5’s per-channel normalisation: latents·std/scaling + mean', () => {
    const mean = [-1.6574, 1.886, -1.383, 2.5155];
    const std = [8.4927, 5.9022, 6.5498, 5.2299];
    const latents = Float32Array.of(1, 1, 1, 1, 1, 1, 1, 1); // two frames, one pixel per channel
    const out = toVaeLatents(latents, 1, info(mean, std, 0.5));
    for (let i = 0; i < 8; i++) expect(out[i]).toBeCloseTo((1 * std[i % 4]) / 0.5 + mean[i % 4], 5);
  });
});
