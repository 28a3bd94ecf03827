import { dirname, join } from 'node:path';
import { EngineClient } from '../engine/process/engine-client.ts';
import type { SpawnEngine } from '../engine/process/engine-channel.ts';
import { nodeEngineSpawner } from '../engine/process/node-spawn.ts';
import type { LogLevel } from '../engine/process/protocol.ts';
import { openStore, type Store } from '../store/index.ts';
import { createDispatch, type Dispatch } from '../service/dispatch.ts';
import { EventBus } from '../service/events.ts';
import type { ExportFiles } from '../service/exports/export-files.ts';
import type { ProcessStaging } from '../service/files/staging.ts';
import type { Handlers } from '../service/handlers.ts';
import type { ReadRenderImage } from '../service/images.ts';
import type { SecretStore } from '../service/secrets.ts';
import { createService } from '../service/service.ts';

export interface Backend {
  store: Store;
  events: EventBus;
  handlers: Handlers;
  /** The validated entry every transport calls. */
  dispatch: Dispatch;
  /** Render images for the transports' image routes (never file paths). */
  readRenderImage: ReadRenderImage;
  /** Finished exports for the transports to deliver: a download, or a copy where the user chose. */
  exportFiles: ExportFiles;
  /** This process's folder under <data folder>/staging, for files it works on (what a crashed process left there is gone at start). */
  staging: ProcessStaging;
  /** Cancels the jobs and imports and pauses the downloads, stops the engine process, then closes the library. */
  close(): Promise<void>;
}

export interface BackendOptions {
  dbPath: string;
  /**
   * The generation engine: a client, or how to start its process (Electron passes its utility-process
   * spawner). Default: a Node child process. Either way the backend disposes it on close. The process
   * starts on the first job, model check or look at the hardware (where WebGPU is offered), so a backend that never
   * generates nor shows its settings never starts one.
   */
  engine?: EngineClient | SpawnEngine;
  /** where imported and downloaded models go; default: `models/` beside the library file */
  modelsDir?: string;
  /** where the Hugging Face token is kept; default: in memory only (Electron passes the OS's secret storage) */
  secrets?: SecretStore;
  /** the Hugging Face Hub to download from; default huggingface.co */
  hubUrl?: string;
  /** the waits before retrying a download's dropped connection; default 1 s, 2 s, 4 s (tests shorten them) */
  downloadRetryDelaysMs?: readonly number[];
  /** take over and run the jobs of Onestory processes that ended unexpectedly (the app and browser mode); default false */
  resumeJobs?: boolean;
}

/** The composition root: the one place that wires store, engine, service and events for any transport. */
export function openBackend(opts: BackendOptions): Backend {
  const store = openStore(opts.dbPath);
  const engine = opts.engine instanceof EngineClient ? opts.engine : new EngineClient(opts.engine ?? nodeEngineSpawner(), { onLog: logEngine });
  const events = new EventBus();
  const service = createService({
    store,
    events,
    engine,
    modelsDir: opts.modelsDir ?? join(dirname(opts.dbPath), 'models'),
    stagingDir: join(dirname(opts.dbPath), 'staging'),
    secrets: opts.secrets,
    hub: { url: opts.hubUrl },
    downloadRetryDelaysMs: opts.downloadRetryDelaysMs,
    resumeJobs: opts.resumeJobs,
  });
  let closing: Promise<void> | undefined;
  return {
    store,
    events,
    handlers: service.handlers,
    dispatch: createDispatch(service.handlers),
    readRenderImage: service.readRenderImage,
    exportFiles: service.exportFiles,
    staging: service.staging,
    close: () =>
      (closing ??= (async () => {
        try {
          const stopped = service.close(); // every job and import is cancelled and every download paused at once
          await engine.dispose(); // a run in progress ends now rather than at its next step
          await stopped;
        } finally {
          store.close();
        }
      })()),
  };
}

/** stderr for every level: stdout belongs to what the process prints for its user (the CLI's results). */
function logEngine(level: LogLevel, message: string): void {
  console.error(`[onestory engine] ${level}: ${message}`);
}
