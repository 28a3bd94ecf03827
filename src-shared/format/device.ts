// How where a story ran reads for its user: the CLI's summary line and the editor's hardware page.
import type { ComponentCall, DeviceReport, GpuAdapter } from '../domain/index.ts';
import { formatBytes } from './quantities.ts';

const COMPONENT_NAMES: Record<string, string> = { text_encoder: 'text encoder', text_encoder_2: 'text encoder 2', unet: 'UNet', vae_decoder: 'VAE decoder' };

/** "UNet" for the model folder's `unet`. */
export function componentName(component: string): string {
  return COMPONENT_NAMES[component] ?? component;
}

/** "NVIDIA H200": what Dawn describes it as, else its device, else its vendor. */
export function adapterName(adapter: GpuAdapter): string {
  return adapter.description || adapter.device || adapter.vendor || 'unknown adapter';
}

/** The call of a component whose batch the adapter's limit cut the most: the one worth telling. */
export function mostCutCall(calls: readonly ComponentCall[]): ComponentCall | null {
  const cut = calls.filter((c) => c.provider !== 'cpu' && c.itemsPerRun < c.batch);
  return cut.length === 0 ? null : cut.reduce((a, b) => (b.batch - b.itemsPerRun > a.batch - a.itemsPerRun ? b : a));
}

/**
 * "webgpu on NVIDIA H200, UNet runs of 3 of 8 items (limit 2.1 GB)": the provider, the adapter when on WebGPU, and
 * each component whose runs were cut to the adapter's limit or that ran on the CPU instead.
 */
export function runSummary(provider: string, device: DeviceReport, calls: Record<string, readonly ComponentCall[]>): string {
  const { adapter } = device;
  const where = adapter && device.provider === 'webgpu' ? `${device.provider} on ${adapterName(adapter)}${adapter.software ? ' (software)' : ''}` : device.provider;
  if (provider === 'cpu' && device.provider !== 'cpu') return `cpu instead of ${where} (see the warnings)`;
  const parts = Object.entries(calls).flatMap(([component, list]) => {
    if (device.provider !== 'cpu' && list.some((c) => c.provider === 'cpu')) return [`${componentName(component)} on the CPU`];
    const cut = mostCutCall(list);
    if (!cut) return [];
    return [`${componentName(component)} runs of ${cut.itemsPerRun} of ${cut.batch} items${cut.limitBytes === null ? '' : ` (limit ${formatBytes(cut.limitBytes)})`}`];
  });
  const fallback = providerFallback(device);
  return [`${where}${fallback ? ` (${fallback})` : ''}`, ...parts].join(', ');
}

/**
 * "cuda could not start: <ONNX Runtime's reason>" when the provider asked for by name is not the one the sessions run
 * on; null otherwise. The reason is read from loading's warning about that provider (load-model.ts, execution-provider.ts).
 */
export function providerFallback(device: DeviceReport): string | null {
  const { requested, provider } = device;
  if (requested === 'auto' || requested === provider) return null;
  for (const warning of device.warnings) {
    const failed = warning.match(/^execution provider (\S+) could not start \((.*)\); running on /);
    if (failed?.[1] === requested) return `${requested} could not start: ${failed[2]}`;
    if (warning.startsWith(`execution provider "${requested}" is not offered`)) return `${requested} is not offered by onnxruntime-node here`;
  }
  return null; // an alias of the provider it runs on (directml → dml)
}
