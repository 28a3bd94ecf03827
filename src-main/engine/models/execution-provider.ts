// Where the sessions run: the best execution provider onnxruntime-node offers on this machine (a GPU one only on
// hardware), or the one asked for, with CPU as the fallback; CPU threads from the core count.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { listSupportedBackends, type InferenceSession } from 'onnxruntime-node';
import { adapterLabel, webGpuAdapter, type GpuAdapter } from '../gpu/adapter.ts';

export const CPU = 'cpu';
export const WEBGPU = 'webgpu';
/** GPU providers, most preferred first. */
const PREFERENCE = ['cuda', 'dml', 'coreml', WEBGPU];
const ALIASES: Record<string, string> = { directml: 'dml' };

export function offeredProviders(): string[] {
  return listSupportedBackends().map((backend) => backend.name);
}

/**
 * Whether a provider can be tried without a doomed attempt: bundled ones always, the others (CUDA, TensorRT) only
 * when their library sits beside the binding, which an install without onnxruntime-node's install script (ignore-scripts) leaves out.
 */
export function providerInstalled(name: string): boolean {
  const backend = listSupportedBackends().find((b) => b.name === name);
  if (!backend) return false;
  if (backend.bundled) return true;
  const binDir = join(dirname(createRequire(import.meta.url).resolve('onnxruntime-node')), '..', 'bin', 'napi-v6', process.platform, process.arch);
  const file = process.platform === 'win32' ? `onnxruntime_providers_${name}.dll` : `libonnxruntime_providers_${name}.${process.platform === 'darwin' ? 'dylib' : 'so'}`;
  return existsSync(join(binDir, file));
}

export interface ProviderPlan {
  /** providers to try in order, always ending with CPU */
  candidates: string[];
  /** the WebGPU adapter, when WebGPU is among the candidates */
  adapter: GpuAdapter | null;
  /** why `auto` passed a provider over: for the record (story.json, the hardware page), not a warning */
  notes: string[];
}

/**
 * Providers to try in order, always ending with CPU. `requested` may be 'auto' (or absent): every GPU provider this
 * build offers and has installed, best first — WebGPU only on a hardware adapter, since a software one (lavapipe,
 * SwiftShader, WARP) is far slower than the CPU provider, and not when its adapter cannot be told. A name the build
 * does not offer is reported and skipped; one asked for by name is tried even when not installed (so its failure is
 * reported), and WebGPU asked for by name runs on a software adapter too, with a warning.
 */
export async function planProviders(requested: string | undefined, warn: (message: string) => void): Promise<ProviderPlan> {
  const offered = offeredProviders();
  const name = requested?.trim().toLowerCase() ?? 'auto';
  const notes: string[] = [];
  if (name === 'auto') {
    const gpus = PREFERENCE.filter((p) => offered.includes(p) && providerInstalled(p));
    let adapter: GpuAdapter | null = null;
    const candidates: string[] = [];
    for (const provider of gpus) {
      if (provider !== WEBGPU) {
        candidates.push(provider);
        continue;
      }
      const query = await webGpuAdapter();
      if (!query.adapter) notes.push(`auto: WebGPU skipped: ${query.reason}`);
      else if (query.adapter.software) {
        notes.push(`auto: WebGPU skipped: its adapter is software (${adapterLabel(query.adapter)}), slower than the CPU provider; choose WebGPU by name to use it anyway`);
      } else {
        adapter = query.adapter;
        candidates.push(provider);
      }
    }
    return { candidates: [...candidates, CPU], adapter, notes };
  }
  const provider = ALIASES[name] ?? name;
  if (provider === CPU) return { candidates: [CPU], adapter: null, notes };
  if (!offered.includes(provider)) {
    warn(`execution provider "${requested}" is not offered by onnxruntime-node here (it offers ${offered.join(', ')}); running on CPU`);
    return { candidates: [CPU], adapter: null, notes };
  }
  let adapter: GpuAdapter | null = null;
  if (provider === WEBGPU) {
    const query = await webGpuAdapter();
    adapter = query.adapter;
    if (adapter?.software) {
      warn(`WebGPU runs on a software adapter (${adapterLabel(adapter)}): the GPU is emulated on the CPU, many times slower than the CPU provider`);
    }
  }
  return { candidates: [provider, CPU], adapter, notes };
}

export function defaultThreads(): number {
  return availableParallelism();
}

/** WebGPU's convolutions run about twice as fast on channels-last data, with the same results (issue 14's profile). */
export type WebGpuLayout = 'NCHW' | 'NHWC';

export function sessionOptions(provider: string, threads: number, layout: WebGpuLayout = 'NHWC'): InferenceSession.SessionOptions {
  return {
    executionProviders: [provider === WEBGPU ? { name: WEBGPU, preferredLayout: layout } : provider],
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    // errors only: GPU providers warn on every load that shape computations stay on the CPU, which is by design
    logSeverityLevel: 3,
    // Idle ORT threads would otherwise spin after each run and take the cores the sampler's own
    // work (conditioning, PNG encoding) needs between UNet calls.
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  };
}
