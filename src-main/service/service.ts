import { join } from 'node:path';
import type { Store } from '../store/index.ts';
import { createContext } from './context.ts';
import { DownloadManager } from './downloads/download-manager.ts';
import { downloadHandlers } from './downloads/download-handlers.ts';
import { Hub, type HubOptions } from './downloads/hub.ts';
import type { Engine } from './engine.ts';
import type { EventBus } from './events.ts';
import { ExportFiles } from './exports/export-files.ts';
import { ProcessStaging } from './files/staging.ts';
import { exportHandlers } from './exports/export-handlers.ts';
import { createHardwareChoice } from './hardware/hardware.ts';
import type { Handlers } from './handlers.ts';
import { renderImageReader, type ReadRenderImage } from './images.ts';
import { jobHandlers } from './jobs/job-handlers.ts';
import { takeOverInterrupted } from './jobs/carry-over.ts';
import { JobQueue } from './jobs/job-queue.ts';
import { createJobRunner } from './jobs/run-job.ts';
import { derivedFolder } from './models/model-folders.ts';
import { modelHandlers } from './models/model-handlers.ts';
import { createModelLibrary } from './models/model-library.ts';
import { createSpeedMeter } from './models/model-speed.ts';
import { projectHandlers } from './project-handlers.ts';
import { MemorySecretStore, type SecretStore } from './secrets.ts';
import { storyHandlers } from './story/story-handlers.ts';
import { TokenizerCache } from '../story/tokenizer-cache.ts';
import { sceneHandlers } from './scene-handlers.ts';
import { scoringHandlers } from './scoring/scoring-handlers.ts';
import { ScoringRunner } from './scoring/scoring-runner.ts';
import { variantHandlers } from './variant-handlers.ts';

export interface ServiceDeps {
  store: Store;
  events: EventBus;
  engine: Engine;
  /** where imported and downloaded models are kept */
  modelsDir: string;
  /**
   * where files wait while a process works on them (imports, uploads, exports not yet handed over), each process
   * in a folder of its own; what ended processes left there is removed when the service is created
   */
  stagingDir: string;
  /** default: in memory (nothing outlives the process) */
  secrets?: SecretStore;
  /** the Hugging Face Hub to download from; default huggingface.co */
  hub?: HubOptions;
  /** the waits before retrying a download's dropped connection; default 1 s, 2 s, 4 s */
  downloadRetryDelaysMs?: readonly number[];
  /**
   * Whether this process takes over the jobs left by Onestory processes that ended unexpectedly: the app
   * and browser mode do; a CLI command, which ends when its own work does, does not.
   */
  resumeJobs?: boolean;
  /** Clock for timestamps (epoch ms); tests pin it. */
  now?: () => number;
}

export interface Service {
  handlers: Handlers;
  readRenderImage: ReadRenderImage;
  /** Export files for the transports to hand to the user (never paths in the contract). */
  exportFiles: ExportFiles;
  /** this process's staging folder */
  staging: ProcessStaging;
  /** Cancels every job and import and pauses every download at once; resolves when the engine's run, the transfers and the copies have ended. */
  close(): Promise<void>;
}

/** The contract implemented over the store and the engine; knows nothing about transports. */
export function createService({ store, events, engine, modelsDir, stagingDir, secrets = new MemorySecretStore(), hub: hubOptions, downloadRetryDelaysMs, resumeJobs = false, now = Date.now }: ServiceDeps): Service {
  const ctx = createContext(store, events, now);
  const tokenizers = new TokenizerCache();
  const library = createModelLibrary(ctx, engine, { modelsDir, onChanged: (model) => tokenizers.forget(model.path) });
  const hardware = createHardwareChoice(ctx, engine);
  const derivedRoot = derivedFolder(modelsDir);
  const queue = new JobQueue({ events, now, store, runJob: createJobRunner(ctx, engine, hardware, derivedRoot) });
  const speed = createSpeedMeter(ctx, { engine, library, hardware, derivedRoot });
  const scoring = new ScoringRunner(ctx, engine, library, () => queue.list().some((job) => job.status === 'queued' || job.status === 'running'));
  if (resumeJobs) queue.carryOver(takeOverInterrupted(ctx));
  const hub = new Hub(hubOptions);
  const downloads = new DownloadManager({ ctx, library, hub, secrets, retryDelaysMs: downloadRetryDelaysMs });
  const staging = new ProcessStaging(stagingDir);
  staging.sweep();
  const exportFiles = new ExportFiles(join(staging.folder, 'exports'));

  return {
    handlers: {
      ...projectHandlers(ctx, { onProjectDeleted: (projectId) => queue.cancelProject(projectId), defaultModelId: () => library.defaultModelId() }),
      ...variantHandlers(ctx, { library }),
      ...scoringHandlers(ctx, { runner: scoring, library }),
      ...sceneHandlers(ctx),
      ...storyHandlers(ctx, { library, tokenizers }),
      ...jobHandlers(ctx, { queue, library, tokenizers }),
      ...modelHandlers(library, downloads, speed),
      ...downloadHandlers(downloads, hub, secrets),
      'hardware.get': () => hardware.get(),
      'hardware.set': ({ provider }) => hardware.set(provider),
      ...exportHandlers(ctx, { files: exportFiles, staging, library, tokenizers }),
    },
    readRenderImage: renderImageReader(store),
    exportFiles,
    staging,
    close: async () => {
      await Promise.all([queue.close(), speed.close(), scoring.close(), downloads.close(), library.close(), exportFiles.close()]);
      await staging.close();
    },
  };
}
