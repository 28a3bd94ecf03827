// The WebGPU adapter onnxruntime-node's WebGPU provider runs on, described through Dawn for Node (the `webgpu`
// package: the same WebGPU implementation, asked for a high-performance adapter as ONNX Runtime asks). Two facts
// matter here: whether it is a software rasteriser (lavapipe, SwiftShader, WARP: slower than the CPU provider), and
// its buffer limits, past which ONNX Runtime's kernels compute silently wrong results.
import { create } from 'webgpu';
import type { GpuAdapter } from '../../../src-shared/domain/index.ts';
import { adapterName } from '../../../src-shared/format/device.ts';

export type { GpuAdapter };

export type AdapterQuery = { adapter: GpuAdapter; reason?: undefined } | { adapter: null; reason: string };

// Dawn flags CPU adapters as fallback adapters; the names catch drivers that do not say so.
const SOFTWARE_NAMES = /llvmpipe|lavapipe|softpipe|swiftshader|basic render driver|\bwarp\b/i;

export function isSoftwareAdapter(info: { architecture: string; device: string; description: string; isFallbackAdapter?: boolean }): boolean {
  return info.isFallbackAdapter === true || info.architecture === 'software' || SOFTWARE_NAMES.test(`${info.device} ${info.description}`);
}

let cached: Promise<AdapterQuery> | undefined;

/** The adapter, asked once per process (creating a WebGPU instance costs tens of milliseconds). */
export function webGpuAdapter(): Promise<AdapterQuery> {
  return (cached ??= queryAdapter());
}

async function queryAdapter(): Promise<AdapterQuery> {
  try {
    const adapter = await create([]).requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return { adapter: null, reason: 'no WebGPU adapter was found (no GPU driver with Vulkan, Metal or Direct3D 12)' };
    const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
    return {
      adapter: {
        vendor: info.vendor,
        architecture: info.architecture,
        device: info.device,
        description: info.description,
        software: isSoftwareAdapter(info),
        maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
        maxBufferSize: adapter.limits.maxBufferSize,
      },
    };
  } catch (error) {
    return { adapter: null, reason: `the WebGPU adapter could not be queried (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** "NVIDIA H200 (nvidia, Vulkan driver …)" — for messages and the hardware page. */
export function adapterLabel(adapter: GpuAdapter): string {
  return `${adapterName(adapter)}${adapter.software ? ' — software' : ''}`;
}
