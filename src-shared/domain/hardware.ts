import { z } from 'zod';

/** What the user may choose; `auto` lets the engine take the best GPU provider offered, then CPU. */
export const PROVIDER_CHOICES = ['auto', 'cpu', 'cuda', 'tensorrt', 'dml', 'coreml', 'webgpu'] as const;
export type ProviderChoice = (typeof PROVIDER_CHOICES)[number];

export const ExecutionProviderSchema = z.strictObject({
  /** onnxruntime-node's name: cpu, cuda, tensorrt, dml, coreml, webgpu */
  name: z.string(),
  /** CPU, CUDA, DirectML, … */
  label: z.string(),
  /** false: the provider needs libraries installed beside onnxruntime-node (CUDA, TensorRT: see the README) */
  bundled: z.boolean(),
  /** whether its libraries are there: always for bundled ones; `auto` only tries installed providers */
  installed: z.boolean(),
});
export type ExecutionProvider = z.infer<typeof ExecutionProviderSchema>;

export const HardwareSchema = z.strictObject({
  /** what onnxruntime-node offers on this machine */
  providers: z.array(ExecutionProviderSchema),
  chosen: z.enum(PROVIDER_CHOICES),
  /** the provider the last job ran on; null before the first job */
  inUse: z.string().nullable(),
  /** set when the last job could not use the chosen provider and ran on CPU: why, for the user */
  fallbackReason: z.string().nullable(),
});
export type Hardware = z.infer<typeof HardwareSchema>;
