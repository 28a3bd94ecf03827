// Cheap previews while sampling: each latent pixel mapped to RGB by a fixed linear map fitted between VAE
// latents and decoded images, one preview pixel per latent pixel (1/8 of the image's size). The factors are the
// community's fitted tables (as ComfyUI ships them) for latents scaled by the VAE's own factor.
import type { ModelFamily, ModelInfo } from '../models/model-types.ts';
import { encodeRgbPng } from './png.ts';
import { LATENT_CHANNELS, toVaeLatents } from './vae-latents.ts';

// Previews are shown once and dropped: speed over size.
const PREVIEW_COMPRESSION = 1;

interface LatentRgbMap {
  /** the VAE scaling the factors were fitted for */
  scaling: number;
  /** per latent channel: its R, G, B weights */
  factors: readonly (readonly [number, number, number])[];
  bias: readonly [number, number, number];
}

/** SD 1.x and 2.x share the KL-f8 VAE. */
const SD_VAE: LatentRgbMap = {
  scaling: 0.18215,
  factors: [
    [0.3512, 0.2297, 0.3227],
    [0.325, 0.4974, 0.235],
    [-0.2829, 0.1762, 0.2721],
    [-0.212, -0.2616, -0.7177],
  ],
  bias: [0, 0, 0],
};

/** SDXL's VAE, which SDXL-Turbo and Playground v2.5 use too. */
const SDXL_VAE: LatentRgbMap = {
  scaling: 0.13025,
  factors: [
    [0.3651, 0.4232, 0.4341],
    [-0.2533, -0.0042, 0.1068],
    [0.1076, 0.1111, -0.0362],
    [-0.3165, -0.2492, -0.2188],
  ],
  bias: [0.1084, -0.0175, -0.0011],
};

const BY_FAMILY: Record<ModelFamily, LatentRgbMap> = {
  sd1: SD_VAE,
  sd2: SD_VAE,
  sdxl: SDXL_VAE,
  'sdxl-turbo': SDXL_VAE,
  'playground-v2.5': SDXL_VAE,
};

/** Small PNGs (latentWidth × latentHeight) of each frame in `latents` ([frames, 4, h, w], the sampler's space). */
export function latentPreviews(latents: Float32Array, latentHeight: number, latentWidth: number, info: ModelInfo): Promise<Uint8Array[]> {
  const map = BY_FAMILY[info.family];
  const plane = latentHeight * latentWidth;
  // Through the VAE's own space, so models whose sampler space differs (Playground) share the VAE's table.
  const vae = toVaeLatents(latents, plane, info);
  const frames = latents.length / (LATENT_CHANNELS * plane);
  return Promise.all(
    Array.from({ length: frames }, (_, f) => {
      const rgb = new Uint8ClampedArray(plane * 3); // clamps to [0, 255] as it stores
      for (let p = 0; p < plane; p++) {
        for (let k = 0; k < 3; k++) {
          let value = map.bias[k];
          for (let c = 0; c < LATENT_CHANNELS; c++) value += vae[(f * LATENT_CHANNELS + c) * plane + p] * map.scaling * map.factors[c][k];
          rgb[p * 3 + k] = (value + 1) * 127.5;
        }
      }
      return encodeRgbPng(new Uint8Array(rgb.buffer), latentWidth, latentHeight, PREVIEW_COMPRESSION);
    }),
  );
}
