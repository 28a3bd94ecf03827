import { randomUUID } from 'node:crypto';
import { ApiError } from '../../../src-shared/contract/index.ts';
import type { Job } from '../../../src-shared/domain/index.ts';
import type { Store, StoredJob } from '../../store/index.ts';
import type { EventBus } from '../events.ts';
import { JobHandle, newJob } from './job-handle.ts';
import type { JobSnapshot } from './job-snapshot.ts';

/** Runs one job to its end on the engine; never rejects (a failure is the job's status). */
export type RunJob = (handle: JobHandle) => Promise<void>;

/** Finished jobs kept for `jobs.list`, newest first (in memory and in the library). */
const FINISHED_KEPT = 50;

/** A job to queue again, as the library holds it: what to render and how far it got. */
export interface CarriedJob {
  snapshot: JobSnapshot;
  job: Job;
}

/**
 * Jobs in the order they were queued, one on the engine at a time. Each is saved in the library on every
 * change of its state, so that jobs this process held when it ended unexpectedly can be carried over.
 *
 * A cancelled running job is over for its clients at once (it renders nothing more); the engine may
 * take a step to stop, and the next job starts only after it has.
 */
export class JobQueue {
  readonly #events: EventBus;
  readonly #now: () => number;
  readonly #store: Store;
  readonly #runJob: RunJob;
  readonly #queued: JobHandle[] = [];
  #running: JobHandle | undefined;
  /** the engine's current run, until it has settled */
  #busy: Promise<void> | undefined;
  #finished: JobHandle[] = [];
  #closed = false;

  constructor(deps: { events: EventBus; now: () => number; store: Store; runJob: RunJob }) {
    this.#events = deps.events;
    this.#now = deps.now;
    this.#store = deps.store;
    this.#runJob = deps.runJob;
  }

  enqueue(snapshot: JobSnapshot): Job {
    if (this.#closed) throw new ApiError('unavailable', 'Onestory is shutting down; the job was not queued');
    const job = newJob(snapshot, randomUUID(), this.#now());
    this.#store.jobs.insert(storedJob(snapshot, job));
    return this.#add(snapshot, job);
  }

  /** Queues jobs carried over from a process that ended, behind any already queued; each is saved as this process's. */
  carryOver(jobs: readonly CarriedJob[]): void {
    for (const { snapshot, job } of jobs) this.#add(snapshot, job);
  }

  /** Queued and running jobs in the order they run, then the most recently finished ones. */
  list(projectId?: string): Job[] {
    const active = this.#running && !this.#running.isFinished ? [this.#running, ...this.#queued] : this.#queued;
    return [...active, ...this.#finished].map((h) => h.job).filter((job) => projectId === undefined || job.projectId === projectId);
  }

  /** Cancels a queued or running job; a finished one is returned as it ended. */
  cancel(id: string, why: string): Job {
    const handle = this.#find(id);
    if (!handle) throw new ApiError('not_found', `Job ${id} not found (finished jobs are kept only for a while)`);
    this.#unqueue(handle);
    handle.cancel(why);
    return handle.job;
  }

  cancelProject(projectId: string): void {
    for (const handle of [...this.#queued, ...(this.#running ? [this.#running] : [])]) {
      if (handle.snapshot.projectId === projectId) this.cancel(handle.job.id, 'Cancelled: its story was deleted.');
    }
  }

  /** Cancels everything at once; resolves when the engine's run for this queue has ended. */
  async close(): Promise<void> {
    this.#closed = true;
    const why = 'Cancelled: Onestory was closed.';
    for (const handle of [...this.#queued]) this.cancel(handle.job.id, why);
    this.#running?.cancel(why);
    await this.#busy;
  }

  #add(snapshot: JobSnapshot, job: Job): Job {
    const handle = new JobHandle(snapshot, job, {
      events: this.#events,
      now: this.#now,
      save: (h) => this.#store.jobs.update(storedJob(h.snapshot, h.job)),
      onFinished: (h) => this.#remember(h),
    });
    this.#queued.push(handle);
    this.#pump();
    // After the pump: never older than the events already sent about this job.
    return handle.job;
  }

  #find(id: string): JobHandle | undefined {
    return [...this.#queued, ...(this.#running ? [this.#running] : []), ...this.#finished].find((h) => h.job.id === id);
  }

  #unqueue(handle: JobHandle): void {
    const at = this.#queued.indexOf(handle);
    if (at >= 0) this.#queued.splice(at, 1);
  }

  #remember(handle: JobHandle): void {
    this.#finished = [handle, ...this.#finished].slice(0, FINISHED_KEPT);
    try {
      this.#store.jobs.pruneFinished(FINISHED_KEPT);
    } catch (error) {
      console.error('[onestory] clearing old finished jobs failed:', error);
    }
  }

  #pump(): void {
    if (this.#busy || this.#closed) return;
    const next = this.#queued.shift();
    if (!next) return;
    this.#running = next;
    this.#busy = this.#runJob(next)
      .catch((error: unknown) => next.finish('failed', `The job failed unexpectedly: ${(error as Error).message}`))
      .finally(() => {
        this.#running = undefined;
        this.#busy = undefined;
        this.#pump();
      });
  }
}

/** The row of a job: held by this process while it is queued or running. */
export function storedJob(snapshot: JobSnapshot, job: Job): StoredJob {
  const { progress: _progress, ...state } = job;
  const active = job.status === 'queued' || job.status === 'running';
  return { ...state, snapshot: JSON.stringify(snapshot), ownerPid: active ? process.pid : null };
}
