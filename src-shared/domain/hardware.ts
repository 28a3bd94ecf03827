import { z } from 'zod';
import { ModelOptimizationSchema } from './optimization.ts';

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

/** A WebGPU adapter as Dawn describes it, with the limits past which ONNX Runtime's kernels go silently wrong. */
export const GpuAdapterSchema = z.strictObject({
  vendor: z.string(),
  architecture: z.string(),
  device: z.string(),
  description: z.string(),
  /** a CPU implementation of the GPU API (lavapipe, SwiftShader, WARP): `auto` never picks it */
  software: z.boolean(),
  maxStorageBufferBindingSize: z.number().nonnegative(),
  maxBufferSize: z.number().nonnegative(),
});
export type GpuAdapter = z.infer<typeof GpuAdapterSchema>;

/** The largest tensor one GPU kernel may touch on this adapter: past it ONNX Runtime's WebGPU kernels go silently wrong. */
export function bufferLimitBytes(adapter: GpuAdapter): number {
  return Math.min(adapter.maxStorageBufferBindingSize, adapter.maxBufferSize);
}

/** The WebGPU adapter of this machine as the engine describes it, or why it has none. */
export const AdapterReportSchema = z.strictObject({
  adapter: GpuAdapterSchema.nullable(),
  /** why there is no adapter to describe (no GPU driver, Dawn failed); null when there is one */
  reason: z.string().nullable(),
});
export type AdapterReport = z.infer<typeof AdapterReportSchema>;

/** Where a model's sessions run, and why. */
export const DeviceReportSchema = z.strictObject({
  provider: z.string(),
  /** 'auto' or the provider asked for */
  requested: z.string(),
  /** the WebGPU adapter, when the sessions run on WebGPU */
  adapter: GpuAdapterSchema.nullable(),
  /** the largest tensor one GPU kernel may touch; null when the provider has no such limit */
  bufferLimitBytes: z.number().nonnegative().nullable(),
  /** why `auto` passed a provider over */
  notes: z.array(z.string()),
  /** what loading warned of: a provider that could not start (and ONNX Runtime's reason), a software adapter */
  warnings: z.array(z.string()).default([]),
  /** the derived copy the GPU sessions load (float16, fused attention) and its size; absent or null: the original */
  optimization: ModelOptimizationSchema.nullable().optional(),
});
export type DeviceReport = z.infer<typeof DeviceReportSchema>;

/** How one component's batches went through its sessions during a story. */
export const ComponentCallSchema = z.strictObject({
  provider: z.string(),
  /** items asked for in one call */
  batch: z.number().int().nonnegative(),
  /** items per session run actually used (fewer than `batch` when the adapter's limit cut it) */
  itemsPerRun: z.number().int().nonnegative(),
  /** the largest tensor of one run, when the adapter's limit made it worth working out */
  largestTensorBytes: z.number().nonnegative().nullable(),
  limitBytes: z.number().nonnegative().nullable(),
  /** why the component ran on the CPU instead of the GPU provider */
  cpuReason: z.string().nullable(),
});
export type ComponentCall = z.infer<typeof ComponentCallSchema>;

export const HardwareSchema = z.strictObject({
  /** what onnxruntime-node offers on this machine */
  providers: z.array(ExecutionProviderSchema),
  chosen: z.enum(PROVIDER_CHOICES),
  /** the provider the last job ran on; null before the first job */
  inUse: z.string().nullable(),
  /** set when the last job could not use the chosen provider, or ran a component on the CPU: why, for the user */
  fallbackReason: z.string().nullable(),
  /** this machine's WebGPU adapter; null when onnxruntime-node offers no WebGPU here */
  webGpu: AdapterReportSchema.nullable(),
  /** where the last job's sessions ran and why (adapter, buffer limit, what `auto` passed over); null before the first job */
  device: DeviceReportSchema.nullable(),
  /** per component (unet, vae_decoder, …), how the last job's batches went through; empty before the first job */
  lastCalls: z.record(z.string(), z.array(ComponentCallSchema)),
});
export type Hardware = z.infer<typeof HardwareSchema>;
