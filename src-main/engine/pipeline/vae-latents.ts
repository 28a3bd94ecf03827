// Between the scheduler's latent space and the VAE's: diffusers divides by the VAE's scaling factor, and for
// Playground v2.5 first undoes its per-channel normalisation (latents·std/scaling + mean), all in float32.
import type { ModelInfo } from '../models/model-types.ts';

export const LATENT_CHANNELS = 4;

/** `latents` ([frames, 4, h, w] in the sampler's space, `plane` = h·w) as the VAE decoder takes them. */
export function toVaeLatents(latents: Float32Array, plane: number, info: ModelInfo): Float32Array {
  const { latentsMean: mean, latentsStd: std } = info;
  const scaling = Math.fround(info.vaeScalingFactor);
  const out = new Float32Array(latents.length);
  for (let start = 0, c = 0; start < latents.length; start += plane, c = (c + 1) % LATENT_CHANNELS) {
    const times = Math.fround(std?.[c] ?? 1);
    const plus = Math.fround(mean?.[c] ?? 0);
    for (let i = start; i < start + plane; i++) out[i] = Math.fround(Math.fround(latents[i] * times) / scaling) + plus;
  }
  return out;
}
