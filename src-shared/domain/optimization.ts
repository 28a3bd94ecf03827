// What the library did to a model for a GPU provider: its derived copy (float16, fused attention), and what it costs on disk.
import { z } from 'zod';

export const ComponentOptimizationSchema = z.strictObject({
  /** text_encoder, text_encoder_2, unet, vae_decoder */
  component: z.string(),
  /** the derived model file the GPU sessions load; null when the original runs as it is */
  path: z.string().nullable(),
  float16: z.boolean(),
  /** weights and constants stored as float16 */
  halfTensors: z.number().int().nonnegative(),
  /** Cast nodes at float32/float16 boundaries (graph inputs and outputs stay float32) */
  castNodes: z.number().int().nonnegative(),
  /** com.microsoft MultiHeadAttention nodes made from unfused attention */
  fusedAttention: z.number().int().nonnegative(),
  /** the derived copy's size on disk (graph and weights); 0 without a copy */
  bytes: z.number().nonnegative(),
  /** why this component has no float16 copy (SDXL's VAE overflows in float16), or null */
  note: z.string().nullable(),
});
export type ComponentOptimization = z.infer<typeof ComponentOptimizationSchema>;

export const ModelOptimizationSchema = z.strictObject({
  provider: z.string(),
  /** WebGPU's preferred convolution layout; null for other providers */
  layout: z.string().nullable(),
  /** whether attention was fused, decided by the fused kernel's self-check on this adapter */
  attention: z.strictObject({ fused: z.boolean(), maxError: z.number().nullable(), reason: z.string() }),
  components: z.array(ComponentOptimizationSchema),
  /** all derived copies together, on disk */
  bytes: z.number().nonnegative(),
});
export type ModelOptimization = z.infer<typeof ModelOptimizationSchema>;

/**
 * A model's speed on one provider, measured here by models.optimize: a short timed run (a few steps at a small size)
 * through the copy that provider loads, and what was done to make that copy.
 */
export const ModelSpeedSchema = z.strictObject({
  provider: z.string(),
  measuredAt: z.number().int().nonnegative(),
  /** seconds per sampling step (one UNet evaluation per guidance branch), the first step (warm-up) left out */
  secondsPerStep: z.number().nonnegative(),
  steps: z.number().int().positive(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** the original model folder's size on disk */
  originalBytes: z.number().nonnegative(),
  /** the derived copy this provider loads; null: the originals ran (CPU, or no copy could be made) */
  optimization: ModelOptimizationSchema.nullable(),
  /** what the run warned of: a provider that could not start (the figure is then the CPU's), a software adapter */
  warnings: z.array(z.string()).default([]),
});
export type ModelSpeed = z.infer<typeof ModelSpeedSchema>;
