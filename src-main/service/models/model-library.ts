import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ApiError } from '../../../src-shared/contract/index.ts';
import { DEFAULT_SETTINGS, type GenerationSettings, type ModelRecord } from '../../../src-shared/domain/index.ts';
import type { ModelInfo } from '../../engine/models/index.ts';
import { resolveGeneration } from '../../engine/pipeline/resolve-generation.ts';
import { EngineError } from '../../engine/process/engine-errors.ts';
import type { StoredModel } from '../../store/index.ts';
import type { ServiceContext } from '../context.ts';
import type { Engine } from '../engine.ts';
import { folderSize } from './folder-size.ts';

/** A project's model, or why the story cannot use it (a sentence for the user). */
export type ModelChoice = { model: StoredModel; problem?: undefined } | { model?: undefined; problem: string };

export interface ModelLibrary {
  list(): ModelRecord[];
  /** Validates the folder in the engine and records it; registering a folder again refreshes its record. */
  register(path: string, name?: string): Promise<ModelRecord>;
  /** The model a story names, when it is in the library and its folder is there. */
  choose(modelId: string | null): ModelChoice;
  /** Any model whose folder is there, most recently used first. */
  anyAvailable(): StoredModel | undefined;
}

/** "Model default" for everything: what the family and the model's own scheduler prescribe. */
const MODEL_DEFAULTS: GenerationSettings = { ...DEFAULT_SETTINGS, width: null, height: null, steps: null, guidance: null, scheduler: 'model' };

export function createModelLibrary({ store, events, now }: ServiceContext, engine: Engine, onRefreshed: (model: StoredModel) => void): ModelLibrary {
  const isAvailable = (model: StoredModel) => existsSync(join(model.path, 'model_index.json'));
  const withAvailability = (model: StoredModel): ModelRecord => ({ ...model, available: isAvailable(model) });

  return {
    list: () => store.models.list().map(withAvailability),

    async register(path, name) {
      // Resolved here so that the engine (whose working folder may differ) and the messages see one absolute path.
      const info = await inspect(engine, resolve(path));
      const sizeBytes = await folderSize(info.dir);
      const model = store.write(() => {
        const existing = store.models.getByPath(info.dir);
        const record: StoredModel = {
          id: existing?.id ?? randomUUID(),
          name: name ?? existing?.name ?? basename(info.dir),
          family: info.family,
          source: existing?.source ?? 'registered',
          path: info.dir,
          sizeBytes,
          addedAt: existing?.addedAt ?? now(),
          lastUsedAt: existing?.lastUsedAt ?? null,
          defaults: resolveGeneration(info, MODEL_DEFAULTS).resolved,
        };
        store.models.save(record);
        return record;
      });
      onRefreshed(model);
      events.emit('models.changed', {});
      return withAvailability(model);
    },

    choose(modelId) {
      if (modelId === null) return { problem: 'Choose a model for this story' };
      const model = store.models.get(modelId);
      if (!model) return { problem: "This story's model is no longer in the library; choose another one" };
      if (!isAvailable(model)) {
        return { problem: `The model "${model.name}" is missing: its folder ${model.path} is gone. Put it back, or choose another model` };
      }
      return { model };
    },

    anyAvailable() {
      const byUse = store.models.list().sort((a, b) => (b.lastUsedAt ?? 0) - (a.lastUsedAt ?? 0));
      return byUse.find(isAvailable);
    },
  };
}

/** The engine's verdict on a folder; a folder it refuses is the caller's mistake, named with its path. */
async function inspect(engine: Engine, path: string): Promise<ModelInfo> {
  try {
    return await engine.inspect(path);
  } catch (error) {
    if (error instanceof EngineError && error.code === 'model') {
      throw new ApiError('invalid_input', `${path} is not a model Onestory can use: ${error.message}`);
    }
    if (error instanceof EngineError) throw new ApiError('unavailable', `The model at ${path} could not be checked: ${error.message}`);
    throw error;
  }
}
