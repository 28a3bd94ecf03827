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
