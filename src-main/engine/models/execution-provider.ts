// Where the sessions run: the best execution provider onnxruntime-node offers on this machine, or the one asked
// for, with CPU as the fallback; CPU threads from the core count.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { listSupportedBackends, type InferenceSession } from 'onnxruntime-node';

export const CPU = 'cpu';
/** GPU providers, most preferred first. */
const PREFERENCE = ['cuda', 'dml', 'coreml', 'webgpu'];
const ALIASES: Record<string, string> = { directml: 'dml' };

export function offeredProviders(): string[] {
  return listSupportedBackends().map((backend) => backend.name);
}

/**
 * Whether a provider can be tried without a doomed attempt: bundled ones always, the others (CUDA, TensorRT) only
 * when their library sits beside the binding, which an install with onnxruntime-node-install=skip leaves out.
 */
export function providerInstalled(name: string): boolean {
  const backend = listSupportedBackends().find((b) => b.name === name);
  if (!backend) return false;
  if (backend.bundled) return true;
  const binDir = join(dirname(createRequire(import.meta.url).resolve('onnxruntime-node')), '..', 'bin', 'napi-v6', process.platform, process.arch);
  const file = process.platform === 'win32' ? `onnxruntime_providers_${name}.dll` : `libonnxruntime_providers_${name}.${process.platform === 'darwin' ? 'dylib' : 'so'}`;
  return existsSync(join(binDir, file));
}

/**
 * Providers to try in order, always ending with CPU. `requested` may be 'auto' (or absent): every GPU provider
 * this build offers and has installed, best first. A name the build does not offer is reported and skipped; one
 * asked for by name is tried even when not installed, so its failure (and the fallback) is reported.
 */
export function providerCandidates(requested: string | undefined, warn: (message: string) => void): string[] {
  const offered = offeredProviders();
  const name = requested?.trim().toLowerCase() ?? 'auto';
  if (name === 'auto') return [...PREFERENCE.filter((p) => offered.includes(p) && providerInstalled(p)), CPU];
  const provider = ALIASES[name] ?? name;
  if (provider === CPU) return [CPU];
  if (!offered.includes(provider)) {
    warn(`execution provider "${requested}" is not offered by onnxruntime-node here (it offers ${offered.join(', ')}); running on CPU`);
    return [CPU];
  }
  return [provider, CPU];
}

export function defaultThreads(): number {
  return availableParallelism();
}

export function sessionOptions(provider: string, threads: number): InferenceSession.SessionOptions {
  return {
    executionProviders: [provider],
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    // Idle ORT threads would otherwise spin after each run and take the cores the sampler's own
    // work (conditioning, PNG encoding) needs between UNet calls.
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  };
}
