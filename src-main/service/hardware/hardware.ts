// The execution provider: what onnxruntime-node offers here, what the user chose (stored in settings and asked of
// the engine for each job), and what the last job actually ran on — with why, when the engine fell back to CPU.
import { ApiError } from '../../../src-shared/contract/index.ts';
import type { ExecutionProvider, Hardware, ProviderChoice } from '../../../src-shared/domain/index.ts';
import type { ServiceContext } from '../context.ts';

const LABELS: Record<string, string> = { cpu: 'CPU', cuda: 'CUDA', tensorrt: 'TensorRT', dml: 'DirectML', coreml: 'CoreML', webgpu: 'WebGPU' };
const label = (name: string) => LABELS[name] ?? name;

export interface HardwareChoice {
  get(): Promise<Hardware>;
  set(provider: ProviderChoice): Promise<Hardware>;
  /** what to ask the engine for: undefined lets it choose (auto) */
  requested(): string | undefined;
  /** A job ran on `provider`: remember it, and say why when it is not the one chosen. */
  ran(provider: string): Promise<void>;
}

/**
 * `listProviders` defaults to asking onnxruntime-node, loaded on first use only: listing is a static table in its
 * binding, so this loads no model and starts no session in this process.
 */
export function createHardwareChoice({ store, events }: ServiceContext, listProviders = onnxruntimeProviders): HardwareChoice {
  let offered: Promise<ExecutionProvider[]> | undefined;
  const providers = () =>
    (offered ??= listProviders().catch((error: unknown) => {
      offered = undefined; // a failed load is tried again next time
      throw error;
    }));

  const get = async (): Promise<Hardware> => {
    const lastRun = store.settings.get('lastRun');
    return { providers: await providers(), chosen: store.settings.get('provider'), inUse: lastRun?.provider ?? null, fallbackReason: lastRun?.fallbackReason ?? null };
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

    async ran(provider) {
      const chosen = store.settings.get('provider');
      const fallbackReason = chosen === 'auto' || chosen === provider ? null : whyNot(chosen, provider, await providers());
      const before = store.settings.get('lastRun');
      if (before?.provider === provider && before.fallbackReason === fallbackReason) return;
      store.settings.set('lastRun', { provider, fallbackReason });
      events.emit('hardware.updated', await get());
    },
  };
}

function whyNot(chosen: string, used: string, offered: readonly ExecutionProvider[]): string {
  const provider = offered.find((p) => p.name === chosen);
  if (!provider) return `${label(chosen)} is not offered by onnxruntime-node on this machine, so Onestory runs on ${label(used)}.`;
  const libraries = provider.bundled ? '' : ` It needs its own libraries beside onnxruntime-node (see "GPU acceleration" in the README).`;
  return `${label(chosen)} could not start on this machine, so Onestory runs on ${label(used)}.${libraries}`;
}

async function onnxruntimeProviders(): Promise<ExecutionProvider[]> {
  const { listSupportedBackends } = await import('onnxruntime-node');
  const { providerInstalled } = await import('../../engine/models/execution-provider.ts');
  return listSupportedBackends().map(({ name, bundled }) => ({ name, label: label(name), bundled, installed: providerInstalled(name) }));
}
