import { ApiError, type AnyEventMessage, type ApiClient, type EventPayload, type MethodInput } from '../../../src-shared/contract/index.ts';
import type { CatalogueEntry, Download, DownloadPlan, Hardware, HubStatus, ModelRecord, ProviderChoice } from '../../../src-shared/domain/index.ts';

/** The model library, downloads from the Hub and the hardware choice: what the Models and Settings pages show. */
export interface LibraryState {
  models: ModelRecord[];
  /** false until models.list has answered once, so an empty library is not announced before it is known */
  modelsLoaded: boolean;
  /** the folder copy under way (model.importProgress; its id cancels it); null when none */
  importProgress: { importId: string; copiedBytes: number; totalBytes: number } | null;
  /** newest first */
  downloads: Download[];
  catalogue: CatalogueEntry[];
  hub: HubStatus | null;
  hardware: Hardware | null;
  /** models.optimize runs under way, by model id: making the copy (preparing) or timing its steps */
  optimizing: Record<string, OptimizeProgress>;
}

export type OptimizeProgress = Omit<EventPayload<'model.optimizeProgress'>, 'modelId'>;

/** What to fetch from the Hub; the token is the stored one (setHubToken). */
export type HubRequest = Omit<MethodInput<'models.downloadPlan'>, 'token'>;

/** A download plan, or why there is none: `offline` when the Hub cannot be reached, so importing is the way on. */
export type PlanOutcome = { plan: DownloadPlan } | { error: string; offline: boolean };

export interface LibraryActions {
  /** Validates and adds a folder (copied into the library or used in place); resolves with the refusal, or null. */
  /** Why the folder was refused (null when added), and what the backend warned of (links it will read outside the folder). */
  importModel(path: string, mode: 'copy' | 'register'): Promise<{ refusal: string | null; warnings: string[] }>;
  /** Stops a folder copy under way: importModel then resolves with why, and nothing is added. */
  cancelImport(importId: string): Promise<void>;
  /** Resolves with why the name was refused (taken, too long), or null once it is the model's. */
  renameModel(id: string, name: string): Promise<string | null>;
  /** Files go only when the library may delete them (`model.deletable`). */
  removeModel(model: ModelRecord): Promise<void>;
  setDefaultModel(id: string): Promise<void>;
  planDownload(request: HubRequest): Promise<PlanOutcome>;
  /** Resolves with why it could not start, or null. */
  startDownload(request: HubRequest): Promise<string | null>;
  pauseDownload(id: string): Promise<void>;
  resumeDownload(id: string): Promise<void>;
  cancelDownload(id: string): Promise<void>;
  /** null forgets the stored token; resolves with why it was refused, or null. */
  setHubToken(token: string | null): Promise<string | null>;
  chooseProvider(provider: ProviderChoice): Promise<void>;
  /** Makes the copy for the chosen provider and times a few steps here; resolves with why it failed or was cancelled, or null. */
  optimizeModel(id: string): Promise<string | null>;
  cancelOptimize(id: string): Promise<void>;
}

type LibraryEvent = Extract<AnyEventMessage, { event: 'models.changed' | 'model.importProgress' | 'model.optimizeProgress' | 'download.updated' | 'hardware.updated' }>;
type SetLibrary = (change: Partial<LibraryState> | ((state: LibraryState) => Partial<LibraryState>)) => void;

export const INITIAL_LIBRARY: LibraryState = {
  models: [],
  modelsLoaded: false,
  importProgress: null,
  downloads: [],
  catalogue: [],
  hub: null,
  hardware: null,
  optimizing: {},
};

/** The library's part of the one store: its actions, its page loads and the events that update it. */
export function createLibrary(client: ApiClient, set: SetLibrary, report: (err: unknown) => void) {
  const loadModels = async () => {
    try {
      set({ models: await client.models.list({}), modelsLoaded: true });
    } catch {
      // Lists keep what they have; the actions report their own errors.
    }
  };

  /** Adds (or refreshes) a model the backend just validated; the models.changed event brings the rest. */
  const addModel = async (input: MethodInput<'models.import'>): Promise<{ model: ModelRecord; warnings: string[] }> => {
    const { warnings, ...model } = await client.models.import(input);
    set((s) => ({ models: [...s.models.filter((m) => m.id !== model.id), model] }));
    return { model, warnings };
  };

  const downloadUpdated = (download: Download) => set((s) => ({ downloads: upsertDownload(s.downloads, download) }));

  const withDownload = (call: (input: { id: string }) => Promise<Download>) => async (id: string) => {
    try {
      downloadUpdated(await call({ id }));
    } catch (err) {
      report(err);
    }
  };

  const actions: LibraryActions = {
    async importModel(path, mode) {
      try {
        const { warnings } = await addModel({ path, mode });
        return { refusal: null, warnings };
      } catch (err) {
        return { refusal: messageOf(err), warnings: [] };
      } finally {
        set({ importProgress: null });
      }
    },

    async cancelImport(importId) {
      try {
        await client.models.cancelImport({ importId });
      } catch (err) {
        report(err);
      }
    },

    async renameModel(id, name) {
      try {
        const renamed = await client.models.rename({ id, name });
        set((s) => ({ models: s.models.map((m) => (m.id === id ? renamed : m)) }));
        return null;
      } catch (err) {
        return messageOf(err);
      }
    },

    async removeModel(model) {
      try {
        await client.models.remove({ id: model.id, deleteFiles: model.deletable });
        set((s) => ({ models: s.models.filter((m) => m.id !== model.id) }));
      } catch (err) {
        report(err);
      }
    },

    async setDefaultModel(id) {
      try {
        await client.models.setDefault({ id });
        set((s) => ({ models: s.models.map((m) => ({ ...m, isDefault: m.id === id })) }));
      } catch (err) {
        report(err);
      }
    },

    async planDownload(request) {
      try {
        return { plan: await client.models.downloadPlan(request) };
      } catch (err) {
        return { error: messageOf(err), offline: err instanceof ApiError && err.code === 'unavailable' };
      }
    },

    async startDownload(request) {
      try {
        downloadUpdated(await client.models.download(request));
        return null;
      } catch (err) {
        return messageOf(err);
      }
    },

    pauseDownload: withDownload(client.downloads.pause),
    resumeDownload: withDownload(client.downloads.resume),
    cancelDownload: withDownload(client.downloads.cancel),

    async setHubToken(token) {
      try {
        set({ hub: await client.hub.setToken({ token }) });
        return null;
      } catch (err) {
        return messageOf(err);
      }
    },

    async chooseProvider(provider) {
      // Shown at once; the backend's answer replaces it, or on a refusal what the backend still holds.
      set((s) => ({ hardware: s.hardware && { ...s.hardware, chosen: provider } }));
      try {
        set({ hardware: await client.hardware.set({ provider }) });
      } catch (err) {
        report(err);
        await client.hardware.get({}).then((hardware) => set({ hardware }), () => {});
      }
    },

    async optimizeModel(id) {
      set((s) => ({ optimizing: { ...s.optimizing, [id]: { stage: 'preparing', step: 0, totalSteps: 1 } } }));
      try {
        const speed = await client.models.optimize({ id });
        // shown at once; the models.changed event brings the same record
        set((s) => ({ models: s.models.map((m) => (m.id === id ? { ...m, speeds: [...m.speeds.filter((x) => x.provider !== speed.provider), speed] } : m)) }));
        return null;
      } catch (err) {
        return messageOf(err);
      } finally {
        set((s) => ({ optimizing: without(s.optimizing, id) }));
      }
    },

    async cancelOptimize(id) {
      try {
        await client.models.cancelOptimize({ id });
      } catch (err) {
        report(err);
      }
    },
  };

  return {
    actions,
    loadModels,
    addModel,

    /** Everything the Models page shows; rejects when any of it cannot be read. */
    async fetchModelsPage(): Promise<Partial<LibraryState>> {
      const [models, downloads, catalogue, hub] = await Promise.all([
        client.models.list({}),
        client.downloads.list({}),
        client.models.catalogue({}),
        client.hub.status({}),
      ]);
      return { models, modelsLoaded: true, downloads, catalogue, hub };
    },

    async fetchSettingsPage(): Promise<Partial<LibraryState>> {
      const [hardware, models] = await Promise.all([client.hardware.get({}), client.models.list({})]);
      return { hardware, models, modelsLoaded: true };
    },

    receive(message: LibraryEvent): void {
      switch (message.event) {
        case 'models.changed':
          return void loadModels();
        case 'model.importProgress':
          return set({ importProgress: { importId: message.payload.importId, copiedBytes: message.payload.copiedBytes, totalBytes: message.payload.totalBytes } });
        case 'model.optimizeProgress': {
          const { modelId, ...progress } = message.payload;
          // only runs this window started: a run from the CLI has no cancel button here to go with it
          return set((s) => (s.optimizing[modelId] ? { optimizing: { ...s.optimizing, [modelId]: progress } } : {}));
        }
        case 'download.updated':
          return downloadUpdated(message.payload);
        case 'hardware.updated':
          return set({ hardware: message.payload });
      }
    },
  };
}

/**
 * Replaces the download with the same id, or adds it; newest first, as downloads.list answers. An older state
 * is dropped: a progress event can arrive after the answer to the pause that followed it.
 */
export function upsertDownload(downloads: Download[], download: Download): Download[] {
  const known = downloads.find((d) => d.id === download.id);
  if (known && known.updatedAt > download.updatedAt) return downloads;
  const rest = downloads.filter((d) => d.id !== download.id);
  return [...rest, download].sort((a, b) => b.createdAt - a.createdAt);
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _removed, ...rest } = record;
  return rest;
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
