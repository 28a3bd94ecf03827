// The execution provider: what onnxruntime-node offers here, what the user chose (stored in settings and asked of
// the engine for each job), the WebGPU adapter, and what the last job actually ran on — the device, how each
// component's batches went through, and why, when the engine fell back to the CPU.
import { ApiError } from '../../../src-shared/contract/index.ts';
import type { AdapterReport, ExecutionProvider, Hardware, ProviderChoice } from '../../../src-shared/domain/index.ts';
import { providerFailureReason } from '../../engine/models/provider-failure.ts';
import type { StoryResult } from '../../engine/pipeline/story-types.ts';
import type { ServiceContext } from '../context.ts';
import type { Engine } from '../engine.ts';

const LABELS: Record<string, string> = { cpu: 'CPU', cuda: 'CUDA', tensorrt: 'TensorRT', dml: 'DirectML', coreml: 'CoreML', webgpu: 'WebGPU' };
const label = (name: string) => LABELS[name] ?? name;

export interface HardwareChoice {
  get(): Promise<Hardware>;
  set(provider: ProviderChoice): Promise<Hardware>;
  /** what to ask the engine for: undefined lets it choose (auto) */
  requested(): string | undefined;
  /** A job finished: remember where it ran and how, and say why when not on the provider chosen or a component went to the CPU. */
  ran(run: FinishedRun): Promise<void>;
}

export type FinishedRun = Pick<StoryResult, 'provider' | 'device' | 'componentCalls'>;

/**
 * `listProviders` defaults to asking onnxruntime-node, loaded on first use only: listing is a static table in its
 * binding, so this loads no model and starts no session in this process. The WebGPU adapter is asked of the engine
 * process (the one that runs on it), once, and only where WebGPU is offered.
 */
export function createHardwareChoice({ store, events }: ServiceContext, engine: Pick<Engine, 'describeDevice'>, listProviders = onnxruntimeProviders): HardwareChoice {
  let offered: Promise<ExecutionProvider[]> | undefined;
  const providers = () =>
    (offered ??= listProviders().catch((error: unknown) => {
      offered = undefined; // a failed load is tried again next time
      throw error;
    }));

  let described: Promise<AdapterReport> | undefined;
  const webGpu = async (list: readonly ExecutionProvider[]): Promise<AdapterReport | null> => {
    if (!list.some((p) => p.name === 'webgpu')) return null;
    return (described ??= engine.describeDevice().catch((error: unknown) => {
      described = undefined; // asked again next time
      return { adapter: null, reason: `the generation engine could not describe it (${(error as Error).message})` };
    }));
  };

  const get = async (): Promise<Hardware> => {
    const list = await providers();
    const lastRun = store.settings.get('lastRun');
    return {
      providers: list,
      chosen: store.settings.get('provider'),
      inUse: lastRun?.provider ?? null,
      fallbackReason: lastRun?.fallbackReason ?? null,
      webGpu: await webGpu(list),
      device: lastRun?.device ?? null,
      lastCalls: lastRun?.calls ?? {},
    };
  };

  return {
    get,

    async set(provider) {
      const list = await providers();
      if (provider !== 'auto' && !list.some((p) => p.name === provider)) {
        throw new ApiError('invalid_input', `${label(provider)} is not offered by onnxruntime-node on this machine; it offers ${list.map((p) => label(p.name)).join(', ')}`);
      }
      const lastRun = store.settings.get('lastRun');
      store.write(() => {
        store.settings.set('provider', provider);
        // The reason was about the previous choice; the new one has not been tried yet.
        if (lastRun) store.settings.set('lastRun', { ...lastRun, fallbackReason: null });
      });
      const hardware = await get();
      events.emit('hardware.updated', hardware);
      return hardware;
    },

    requested() {
      const chosen = store.settings.get('provider');
      return chosen === 'auto' ? undefined : chosen;
    },

    async ran({ provider, device, componentCalls }) {
      const chosen = store.settings.get('provider');
      const fallbackReason = chosen === 'auto' || chosen === device.provider ? cpuReasons(componentCalls) : whyNot(chosen, device, await providers());
      const lastRun = { provider, fallbackReason, device, calls: componentCalls };
      if (JSON.stringify(store.settings.get('lastRun')) === JSON.stringify(lastRun)) return;
      store.settings.set('lastRun', lastRun);
      events.emit('hardware.updated', await get());
    },
  };
}

/** Why components ran on the CPU although their sessions are on a GPU provider (its limit, a failed self-check). */
function cpuReasons(calls: FinishedRun['componentCalls']): string | null {
  const reasons = new Set(Object.values(calls).flatMap((list) => list.flatMap((c) => (c.cpuReason ? [c.cpuReason] : []))));
  return reasons.size === 0 ? null : [...reasons].map((r) => (/[.!?]$/.test(r) ? r : `${r}.`)).join(' ');
}

/** Why the chosen provider is not the one in use, with ONNX Runtime's own reason when it refused to start. */
function whyNot(chosen: string, device: FinishedRun['device'], offered: readonly ExecutionProvider[]): string {
  const used = label(device.provider);
  const provider = offered.find((p) => p.name === chosen);
  if (!provider) return `${label(chosen)} is not offered by onnxruntime-node on this machine, so Onestory runs on ${used}.`;
  const reason = providerFailureReason(chosen, device.warnings);
  const said = reason ? ` ONNX Runtime said: ${/[.!?]$/.test(reason) ? reason : `${reason}.`}` : '';
  const libraries = provider.bundled ? '' : ` It needs its own libraries beside onnxruntime-node (see "GPU acceleration" in the README).`;
  return `${label(chosen)} could not start on this machine, so Onestory runs on ${used}.${said}${libraries}`;
}

async function onnxruntimeProviders(): Promise<ExecutionProvider[]> {
  const { listSupportedBackends } = await import('onnxruntime-node');
  const { providerInstalled } = await import('../../engine/models/execution-provider.ts');
  return listSupportedBackends().map(({ name, bundled }) => ({ name, label: label(name), bundled, installed: providerInstalled(name) }));
}
