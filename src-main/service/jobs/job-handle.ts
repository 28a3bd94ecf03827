import type { Job } from '../../../src-shared/domain/index.ts';
import type { StoryProgress } from '../../engine/pipeline/index.ts';
import type { EventBus } from '../events.ts';
import { EtaEstimator } from './eta.ts';
import { StepTimer } from './step-timer.ts';
import type { JobSnapshot } from './job-snapshot.ts';
import { Throttle } from './throttle.ts';

/** Progress and previews go out at most this often per job (≤ 5 job.updated a second); status changes at once. */
export const PROGRESS_INTERVAL_MS = 200;

type FinalStatus = 'done' | 'failed' | 'cancelled';

export interface JobHandleDeps {
  events: EventBus;
  now: () => number;
  /** Stores the job's state; called on every change of it, not on progress. */
  save: (handle: JobHandle) => void;
  onFinished: (handle: JobHandle) => void;
}

/** A job as it is first queued. */
export function newJob(snapshot: JobSnapshot, id: string, createdAt: number): Job {
  return {
    id,
    projectId: snapshot.projectId,
    frameIds: snapshot.frameIds,
    doneFrameIds: [],
    status: 'queued',
    createdAt,
    startedAt: null,
    finishedAt: null,
    progress: null,
    error: null,
    warnings: [],
    resumed: false,
  };
}

/**
 * One job's state and its events. Every change emits `job.updated`: status changes at once, progress and
 * finished frames through a throttle, each flush with the latest preview of every frame being denoised.
 * Every change but progress is also saved, so that the job outlives the process.
 */
export class JobHandle {
  readonly snapshot: JobSnapshot;
  readonly #events: EventBus;
  readonly #now: () => number;
  readonly #save: (handle: JobHandle) => void;
  readonly #onFinished: (handle: JobHandle) => void;
  readonly #abort = new AbortController();
  readonly #throttle: Throttle;
  readonly #eta = new EtaEstimator();
  readonly #steps = new StepTimer();
  /** latest preview per frame since the last flush */
  readonly #previews = new Map<string, string>();
  #job: Job;

  constructor(snapshot: JobSnapshot, job: Job, deps: JobHandleDeps) {
    this.snapshot = snapshot;
    this.#job = job;
    this.#events = deps.events;
    this.#now = deps.now;
    this.#save = deps.save;
    this.#onFinished = deps.onFinished;
    this.#throttle = new Throttle(PROGRESS_INTERVAL_MS, () => this.#flush());
    this.#emit();
  }

  get job(): Job {
    return this.#job;
  }

  get isFinished(): boolean {
    return this.#job.status === 'done' || this.#job.status === 'failed' || this.#job.status === 'cancelled';
  }

  get isCancelled(): boolean {
    return this.#job.status === 'cancelled';
  }

  /** Aborts when the job is cancelled. */
  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  start(): void {
    this.#job = { ...this.#job, status: 'running', startedAt: this.#now() };
    this.#saveOrLog();
    this.#emit();
  }

  progress(p: StoryProgress): void {
    if (this.isFinished) return;
    const frameIds = p.frames.map((j) => this.snapshot.storyFrameIds[j]);
    const at = performance.now();
    const { fraction, step, totalSteps } = p;
    this.#job = {
      ...this.#job,
      progress: { fraction, frameIds, step, totalSteps, etaMs: this.#eta.update(fraction, at), secondsPerStep: this.#steps.update(p, at) },
    };
    p.previews?.forEach((png, k) => this.#previews.set(frameIds[k], `data:image/png;base64,${Buffer.from(png.buffer, png.byteOffset, png.byteLength).toString('base64')}`));
    this.#throttle.request();
  }

  /**
   * Records a frame's render as stored. Called inside the transaction that stores the render, so the two are
   * saved together: a failure to save throws and rolls the render back too.
   */
  frameDone(frameId: string): void {
    const before = this.#job;
    this.#job = { ...before, doneFrameIds: [...before.doneFrameIds, frameId] };
    try {
      this.#save(this);
    } catch (error) {
      this.#job = before;
      throw error;
    }
    this.#throttle.request();
  }

  /** A queued job is simply over; a running one also stops its engine run (the runner sees `signal`). */
  cancel(why: string): void {
    if (this.isFinished) return;
    const kept = this.#job.doneFrameIds.length > 0 ? ' The frames it finished before are kept.' : '';
    this.finish('cancelled', `${why}${kept}`);
    this.#abort.abort();
  }

  finish(status: FinalStatus, error: string | null = null, warnings: readonly string[] = []): void {
    if (this.isFinished) return;
    this.#throttle.cancel();
    this.#previews.clear();
    this.#job = { ...this.#job, status, error, warnings: [...warnings], finishedAt: this.#now() };
    this.#saveOrLog();
    this.#emit();
    this.#onFinished(this);
  }

  #flush(): void {
    if (this.isFinished) return;
    this.#emit();
    for (const [frameId, dataUrl] of this.#previews) {
      this.#events.emit('job.preview', { jobId: this.#job.id, projectId: this.#job.projectId, frameId, dataUrl });
    }
    this.#previews.clear();
  }

  /** A status the store cannot take is still right in memory for this run; losing it costs only a resume. */
  #saveOrLog(): void {
    try {
      this.#save(this);
    } catch (error) {
      console.error(`[onestory] saving job ${this.#job.id} (${this.#job.status}) failed:`, error);
    }
  }

  #emit(): void {
    this.#events.emit('job.updated', this.#job);
  }
}
