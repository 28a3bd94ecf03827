// A real backend for service tests: a SQLite library in a temp folder, the engine in a real child
// process (able to crash on cue), the fixture models, and every event recorded.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ensureFixtureModels, type FixturePaths } from '../../scripts/fixtures/ensure.ts';
import { ApiError, type EventMessage, type EventName, type EventPayload, type MethodInput, type MethodName, type MethodOutput } from '../../src-shared/contract/index.ts';
import type { Job } from '../../src-shared/domain/index.ts';
import { openBackend, type Backend } from '../app/backend.ts';
import { EngineClient } from '../engine/process/engine-client.ts';
import { nodeEngineSpawner } from '../engine/process/node-spawn.ts';
import { RETRY_DELAYS_MS } from './downloads/retry.ts';

/** An identity prompt containing this makes the engine kill itself at the job's first progress. */
export const CRASH_MARKER = '[crash the engine]';

export interface TestBackend {
  backend: Backend;
  fixtures: FixturePaths;
  /** where imported and downloaded models go */
  modelsDir: string;
  /** every event since the backend opened */
  events: EventMessage[];
  /** Calls through the same validating entry the transports use. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Payloads of one event so far, optionally filtered. */
  emitted<E extends EventName>(event: E, filter?: (payload: EventPayload<E>) => boolean): EventPayload<E>[];
  /** The first payload of `event` so far that satisfies `filter`, or the first to come. */
  firstEmitted<E extends EventName>(event: E, filter: (payload: EventPayload<E>) => boolean): Promise<EventPayload<E>>;
  /** Calls listener with every job.updated from now on; returns the unsubscribe function. */
  onJobUpdate(listener: (job: Job) => void): () => void;
  /** The job's last state once it is done, failed or cancelled (as its events tell). */
  finished(jobId: string): Promise<Job>;
  close(): Promise<void>;
}

const FINAL = new Set(['done', 'failed', 'cancelled']);

export interface TestBackendOptions {
  /** the folder of the library (and, by default, of its models); given: kept after close, so a later backend can reopen it */
  dir?: string;
  modelsDir?: string;
  /** the Hugging Face Hub to download from (the tests' local mock) */
  hubUrl?: string;
  /** take over the jobs of processes that ended, as the app does */
  resumeJobs?: boolean;
}

/** Waits before retrying a download's dropped connection: as many retries as by default, each 200 times quicker. */
export const TEST_RETRY_DELAYS_MS: readonly number[] = RETRY_DELAYS_MS.map((ms) => ms / 200);

export async function openTestBackend(options: TestBackendOptions = {}): Promise<TestBackend> {
  const fixtures = await ensureFixtureModels();
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'onestory-service-'));
  const engine = new EngineClient(nodeEngineSpawner({ env: { ...process.env, ONESTORY_ENGINE_TEST_CRASH: CRASH_MARKER } }));
  const modelsDir = options.modelsDir ?? join(dir, 'models');
  const backend = openBackend({ dbPath: join(dir, 'library.sqlite'), engine, modelsDir, hubUrl: options.hubUrl, downloadRetryDelaysMs: TEST_RETRY_DELAYS_MS, resumeJobs: options.resumeJobs });
  const events: EventMessage[] = [];
  backend.events.subscribe((m) => events.push(m));

  const emitted = <E extends EventName>(event: E, filter: (payload: EventPayload<E>) => boolean = () => true) =>
    events.filter((m) => m.event === event).map((m) => m.payload as EventPayload<E>).filter(filter);

  const firstEmitted = <E extends EventName>(event: E, filter: (payload: EventPayload<E>) => boolean) =>
    new Promise<EventPayload<E>>((resolve) => {
      const first = () => emitted(event, filter)[0];
      const now = first();
      if (now) return resolve(now);
      const unsubscribe = backend.events.subscribe(() => {
        const found = first();
        if (found) {
          unsubscribe();
          resolve(found);
        }
      });
    });

  const finished = (jobId: string) => firstEmitted('job.updated', (job) => job.id === jobId && FINAL.has(job.status));

  return {
    backend,
    fixtures,
    modelsDir,
    events,
    call: (method, input) => backend.dispatch(method, input) as Promise<MethodOutput<typeof method>>,
    emitted,
    firstEmitted,
    finished,
    onJobUpdate: (listener) => backend.events.subscribe((m) => m.event === 'job.updated' && listener(m.payload as Job)),
    async close() {
      await backend.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const err = await promise.then(
    () => expect.fail('expected the call to fail'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}
