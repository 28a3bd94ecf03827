import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { ApiError } from '../../../src-shared/contract/index.ts';
import { DEFAULT_SETTINGS, isOwnedSource, type AddedModel, type GenerationSettings, type ModelRecord } from '../../../src-shared/domain/index.ts';
import { formatBytes } from '../../../src-shared/format/quantities.ts';
import type { ModelInfo } from '../../engine/models/index.ts';
import { resolveGeneration } from '../../engine/pipeline/resolve-generation.ts';
import { EngineError } from '../../engine/process/engine-errors.ts';
import type { StoredModel } from '../../store/index.ts';
import type { ServiceContext } from '../context.ts';
import type { Engine } from '../engine.ts';
import { copyFiles } from '../files/copy-files.ts';
import { isDiskFull, isInside } from '../files/disk.ts';
import { folderSize } from './folder-size.ts';
import { listModelFiles, outsideLinksProblem, outsideLinksWarnings } from './model-files.ts';
import { sameModelName, uniqueModelName } from './model-names.ts';
import { ImportProgress } from './import-progress.ts';
import { clearStaging, derivedFolder, moveIntoModelsDir, newStagingDir } from './model-folders.ts';
import { sweepDerivedCopies } from '../../engine/optimize/derived-cache.ts';
import { inspectScoringModel, scoringModelPresent, type ScoringInfo } from './scoring-folders.ts';

/** What inspecting a folder found: a diffusion model (the engine's verdict) or a scoring model. */
type FolderInfo = { kind: 'diffusion'; info: ModelInfo; dir: string } | { kind: 'scoring'; info: ScoringInfo; dir: string };

/** A project's model, or why the story cannot use it (a sentence for the user). */
export type ModelChoice = { model: StoredModel; problem?: undefined } | { model?: undefined; problem: string };

export interface ModelLibrary {
  /** where imported and downloaded models are kept */
  readonly modelsDir: string;
  list(): ModelRecord[];
  /**
   * Validates the folder in the engine and records it in place; registering a folder again refreshes its record.
   * Its warnings name the files it reads outside the folder (its links' targets).
   */
  register(path: string, name?: string): Promise<AddedModel>;
  /**
   * Validates the folder, then copies it into the models folder; a refused or cancelled import leaves nothing
   * behind. A link to anything outside the folder (or its Hugging Face cache) is refused, naming it. Its
   * `model.importProgress` events carry the id that `cancelImport` takes.
   */
  importCopy(path: string, name?: string): Promise<AddedModel>;
  /** Stops an import under way; false when there is none with that id (it has ended). */
  cancelImport(importId: string): boolean;
  /**
   * Validates a finished download's folder, moves it into the models folder and records it. `label` stands
   * for the folder in messages (the repository, not a temporary path).
   */
  adopt(dir: string, name: string, label: string): Promise<ModelRecord>;
  /** Renames a model; refused when another model already has that name (compared without case). */
  rename(id: string, name: string): ModelRecord;
  /** Forgets a model; deletes its folder only when asked and the library owns it. */
  remove(id: string, deleteFiles: boolean): Promise<{ filesDeleted: boolean }>;
  setDefault(id: string | null): void;
  /** The model new stories start with, while it is in the library. */
  defaultModelId(): string | null;
  /** The model a story names, when it is in the library and its folder is there. */
  choose(modelId: string | null): ModelChoice;
  /** Any model whose folder is there, most recently used first. */
  anyAvailable(): StoredModel | undefined;
  /** the scoring models consistency scores use: the first CLIP, DINOv2 and background remover in the library whose folders are there */
  scoringModels(): { clip: StoredModel | null; dino: StoredModel | null; segmentation: StoredModel | null };
  /** Cancels every import; resolves when they and the clearing of interrupted ones have ended. */
  close(): Promise<void>;
}

/** "Model default" for everything: what the family and the model's own scheduler prescribe. */
const MODEL_DEFAULTS: GenerationSettings = { ...DEFAULT_SETTINGS, width: null, height: null, steps: null, guidance: null, scheduler: 'model' };

function modelDefaults(info: ModelInfo): ModelRecord['defaults'] {
  const { width, height, steps, guidance, scheduler } = resolveGeneration(info, MODEL_DEFAULTS).resolved;
  return { width, height, steps, guidance, scheduler };
}

export function createModelLibrary(
  { store, events, now }: ServiceContext,
  engine: Engine,
  opts: { modelsDir: string; onChanged: (model: StoredModel) => void },
): ModelLibrary {
  const { modelsDir } = opts;
  const isAvailable = (model: StoredModel) => (model.kind === 'scoring' ? scoringModelPresent(model.path) : existsSync(join(model.path, 'model_index.json')));
  const defaultModelId = () => {
    const id = store.settings.get('defaultModelId');
    return id !== null && store.models.get(id) ? id : null;
  };
  const toRecord = (model: StoredModel, defaultId = defaultModelId()): ModelRecord => ({
    ...model,
    available: isAvailable(model),
    owned: isOwnedSource(model.source),
    deletable: isOwnedSource(model.source) && isInside(modelsDir, model.path),
    isDefault: model.id === defaultId,
  });
  const anyAvailable = () =>
    store.models
      .list()
      .sort((a, b) => (b.lastUsedAt ?? 0) - (a.lastUsedAt ?? 0))
      .find((m) => m.kind === 'diffusion' && isAvailable(m));

  /** Records a validated folder (the first model of a library becomes the default) and tells everyone. */
  const save = ({ kind, info }: FolderInfo, path: string, fields: { name?: string; source: StoredModel['source']; sizeBytes: number }): ModelRecord => {
    const model = store.write(() => {
      const existing = store.models.getByPath(path);
      const others = store.models.list().flatMap((m) => (m.id === existing?.id ? [] : [m.name]));
      const record: StoredModel = {
        id: existing?.id ?? randomUUID(),
        // Registering a folder again keeps its name unless given another.
        name: existing && fields.name === undefined ? existing.name : uniqueModelName(fields.name ?? basename(path), others),
        kind,
        family: info.family,
        source: existing?.source ?? fields.source,
        path,
        sizeBytes: fields.sizeBytes,
        addedAt: existing?.addedAt ?? now(),
        lastUsedAt: existing?.lastUsedAt ?? null,
        defaults: kind === 'diffusion' ? modelDefaults(info) : info.defaults,
        ipcaUnavailableReason: kind === 'diffusion' ? info.ipcaUnavailableReason : null,
        // measured on the same files: a folder registered again keeps them
        speeds: existing?.speeds ?? [],
      };
      store.models.save(record);
      if (kind === 'diffusion' && defaultModelId() === null) store.settings.set('defaultModelId', record.id);
      return record;
    });
    opts.onChanged(model);
    events.emit('models.changed', {});
    return toRecord(model);
  };

  /** Imports under way, by the id their progress events carry. */
  const imports = new Map<string, { controller: AbortController; done: Promise<unknown> }>();
  // Copies left by interrupted imports: a failure to clear them now is retried at the next start.
  const staleCopiesCleared = clearStaging(modelsDir).catch(() => {});
  /** Derived GPU copies (float16, fused attention) of models no longer in the library: gigabytes nobody will load. */
  const sweepDerived = () => {
    try {
      const paths = store.models.list().map((m) => m.path);
      sweepDerivedCopies(derivedFolder(modelsDir), (source) => paths.some((path) => isInside(path, source)));
    } catch (error) {
      console.error('[onestory] sweeping derived model copies failed; tried again at the next start or removal:', error);
    }
  };
  sweepDerived();

  const copyIn = async (importId: string, path: string, name: string | undefined, signal: AbortSignal): Promise<AddedModel> => {
    const source = resolve(path);
    // Refused before anything is written.
    const info = await inspect(engine, source);
    const listing = await listModelFiles(source);
    if (listing.outsideLinks.length > 0) throw new ApiError('invalid_input', outsideLinksProblem(source, listing));
    const staging = newStagingDir(modelsDir);
    let target: string | undefined; // set once the copy is in place: from then on it is ours to remove
    const progress = new ImportProgress(events, importId, source);
    try {
      const sizeBytes = await copyFiles(listing.files, staging, (copied, total) => progress.update(copied, total), signal);
      progress.finish();
      signal.throwIfAborted();
      target = await moveIntoModelsDir(staging, modelsDir, name ?? basename(source));
      signal.throwIfAborted();
      return { ...save(info, target, { name: name ?? basename(source), source: 'imported', sizeBytes }), warnings: [] };
    } catch (error) {
      progress.finish();
      await rm(staging, { recursive: true, force: true });
      if (target) await rm(target, { recursive: true, force: true });
      if (signal.aborted) throw new ApiError('conflict', `The import of ${source} was cancelled; nothing was kept.`);
      if (isDiskFull(error)) {
        throw new ApiError('unavailable', `The disk holding ${modelsDir} is full: ${source} (${formatBytes(await folderSize(source))}) does not fit. Free some space and import it again; nothing was kept.`);
      }
      throw error;
    }
  };

  return {
    modelsDir,

    list() {
      const defaultId = defaultModelId();
      return store.models.list().map((m) => toRecord(m, defaultId));
    },

    async register(path, name) {
      // Resolved here so that the engine (whose working folder may differ) and the messages see one absolute path.
      const info = await inspect(engine, resolve(path));
      const listing = await listModelFiles(info.dir);
      const sizeBytes = listing.files.reduce((sum, f) => sum + f.size, 0);
      return { ...save(info, info.dir, { name, source: 'registered', sizeBytes }), warnings: outsideLinksWarnings(listing) };
    },

    async importCopy(path, name) {
      const importId = randomUUID();
      const controller = new AbortController();
      const done = copyIn(importId, path, name, controller.signal);
      imports.set(importId, { controller, done });
      try {
        return await done;
      } finally {
        imports.delete(importId);
      }
    },

    cancelImport(importId) {
      const run = imports.get(importId);
      run?.controller.abort();
      return run !== undefined;
    },

    async adopt(dir, name, label) {
      const info = await inspect(engine, dir, label);
      const target = await moveIntoModelsDir(dir, modelsDir, name);
      try {
        return save(info, target, { name, source: 'downloaded', sizeBytes: await folderSize(target) });
      } catch (error) {
        // Back where the download keeps its files, rather than a folder in the library that no record names.
        // Should that fail too, the folder stays in the models folder; the save's failure is the one to report.
        await rename(target, dir).catch(() => {});
        throw error;
      }
    },

    async remove(id, deleteFiles) {
      const model = store.models.get(id);
      if (!model) throw new ApiError('not_found', `Model ${id} is not in the library`);
      if (deleteFiles && !isOwnedSource(model.source)) {
        throw new ApiError(
          'invalid_input',
          `"${model.name}" is used in place from ${model.path}; Onestory only deletes folders it made. Remove it without deleting files, and delete the folder yourself if you want to.`,
        );
      }
      if (deleteFiles && !isInside(modelsDir, model.path)) {
        throw new ApiError('invalid_input', `"${model.name}" is at ${model.path}, outside the models folder ${modelsDir}; Onestory deletes only inside it. Remove it without deleting files.`);
      }
      store.write(() => {
        store.models.delete(id);
        if (store.settings.get('defaultModelId') === id) store.settings.set('defaultModelId', anyAvailable()?.id ?? null);
      });
      opts.onChanged(model);
      events.emit('models.changed', {});
      sweepDerived();
      if (deleteFiles) await rm(model.path, { recursive: true, force: true });
      return { filesDeleted: deleteFiles };
    },

    rename(id, name) {
      const model = store.write(() => {
        const current = store.models.get(id);
        if (!current) throw new ApiError('not_found', `Model ${id} is not in the library`);
        const clash = store.models.list().find((m) => m.id !== id && sameModelName(m.name, name));
        if (clash) throw new ApiError('conflict', `Another model is already called "${clash.name}"; choose another name`);
        const renamed = { ...current, name };
        store.models.save(renamed);
        return renamed;
      });
      events.emit('models.changed', {});
      return toRecord(model);
    },

    setDefault(id) {
      const model = id === null ? null : store.models.get(id);
      if (model === undefined) throw new ApiError('not_found', `Model ${id} is not in the library`);
      if (model?.kind === 'scoring') throw new ApiError('invalid_input', `"${model.name}" is a scoring model: it measures stories, it cannot render them`);
      store.settings.set('defaultModelId', id);
      events.emit('models.changed', {});
    },

    defaultModelId,

    choose(modelId) {
      if (modelId === null) return { problem: 'Choose a model for this story' };
      const model = store.models.get(modelId);
      if (!model) return { problem: "This story's model is no longer in the library; choose another one" };
      if (model.kind === 'scoring') return { problem: `"${model.name}" is a scoring model and cannot render; choose a diffusion model` };
      if (!isAvailable(model)) {
        return { problem: `The model "${model.name}" is missing: its folder ${model.path} is gone. Put it back, or choose another model` };
      }
      return { model };
    },

    anyAvailable,

    scoringModels() {
      const present = store.models.list().filter((m) => m.kind === 'scoring' && isAvailable(m));
      const first = (family: string) => present.find((m) => m.family === family) ?? null;
      return { clip: first('clip'), dino: first('dinov2'), segmentation: first('segmentation') };
    },

    async close() {
      const running = [...imports.values()];
      for (const run of running) run.controller.abort();
      await Promise.allSettled([staleCopiesCleared, ...running.map((run) => run.done)]);
    },
  };
}

/** A scoring model's files, else the engine's verdict on a folder; a folder refused is the caller's mistake, named by `label`. */
async function inspect(engine: Engine, path: string, label = path): Promise<FolderInfo> {
  const scoring = await inspectScoringModel(path, label);
  if (scoring) return { kind: 'scoring', info: scoring, dir: path };
  try {
    const info = await engine.inspect(path);
    return { kind: 'diffusion', info, dir: info.dir };
  } catch (error) {
    if (error instanceof EngineError && error.code === 'model') {
      throw new ApiError('invalid_input', `${label} is not a model Onestory can use: ${error.message.replaceAll(path, label)}`);
    }
    if (error instanceof EngineError) throw new ApiError('unavailable', `The model at ${label} could not be checked: ${error.message}`);
    throw error;
  }
}
