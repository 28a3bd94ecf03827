import type { Job } from '../../../src-shared/domain/index.ts';

/** What a job is doing to one frame; frames with no entry show what their renders say (empty, done, stale). */
export type FrameActivity =
  | { status: 'queued' }
  | { status: 'generating'; /** 0..1 through this frame's denoising */ fraction: number }
  | { status: 'failed'; error: string };

const FINISHED_KEPT = 10;

export const isActive = (job: Job) => job.status === 'queued' || job.status === 'running';

/** The project's jobs after `job` changed: active ones first in queue order, then the latest finished. */
export function upsertJob(jobs: readonly Job[], job: Job): Job[] {
  const others = jobs.filter((j) => j.id !== job.id);
  const all = [...others, job];
  const active = all.filter(isActive).sort((a, b) => a.createdAt - b.createdAt);
  const finished = all
    .filter((j) => !isActive(j))
    .sort((a, b) => (b.finishedAt ?? b.createdAt) - (a.finishedAt ?? a.createdAt))
    .slice(0, FINISHED_KEPT);
  return [...active, ...finished];
}

/**
 * Per frame, computed once per job change so each card looks up its own entry instead of scanning
 * every job. Generating beats queued beats failed; a later finished job clears an earlier failure.
 */
export function deriveFrameActivity(jobs: readonly Job[]): Record<string, FrameActivity> {
  const activity: Record<string, FrameActivity> = {};
  const finished = jobs.filter((j) => !isActive(j)).sort((a, b) => (a.finishedAt ?? 0) - (b.finishedAt ?? 0));
  for (const job of finished) {
    const done = new Set(job.doneFrameIds);
    for (const id of job.frameIds) {
      if (job.status === 'failed' && !done.has(id)) activity[id] = { status: 'failed', error: job.error ?? 'Generation failed.' };
      else delete activity[id];
    }
  }
  for (const job of jobs) {
    if (job.status === 'queued') for (const id of job.frameIds) activity[id] = { status: 'queued' };
  }
  for (const job of jobs) {
    if (job.status !== 'running') continue;
    const done = new Set(job.doneFrameIds);
    const denoising = new Set(job.progress?.frameIds);
    const fraction = job.progress && job.progress.totalSteps > 0 ? job.progress.step / job.progress.totalSteps : 0;
    for (const id of job.frameIds) {
      if (denoising.has(id) && !done.has(id)) activity[id] = { status: 'generating', fraction };
      else if (!done.has(id)) activity[id] = { status: 'queued' };
      else if (activity[id]?.status === 'failed') delete activity[id];
    }
  }
  return activity;
}

/** The running job, how many wait behind it, and the latest finished one (for its failure message). */
export function jobOverview(jobs: readonly Job[]): { running: Job | null; queued: Job[]; lastFinished: Job | null } {
  return {
    running: jobs.find((j) => j.status === 'running') ?? null,
    queued: jobs.filter((j) => j.status === 'queued'),
    lastFinished: jobs.find((j) => !isActive(j)) ?? null,
  };
}

/**
 * What to tell of the latest finished job while none runs, unless the user closed it: why it failed, and what the
 * engine warned of (a component run on the CPU, a GPU provider refused) less what the story panel shows already.
 */
export function finishedJobReport(jobs: readonly Job[], dismissedId: string | null, shownElsewhere: readonly string[]): { job: Job; warnings: string[] } | null {
  const { running, queued, lastFinished: job } = jobOverview(jobs);
  if (running || queued.length > 0 || !job || job.id === dismissedId) return null;
  const warnings = job.warnings.filter((w) => !shownElsewhere.includes(w));
  return job.status === 'failed' || job.status === 'cancelled' || warnings.length > 0 ? { job, warnings } : null;
}

export type FrameStatus = 'empty' | 'queued' | 'generating' | 'done' | 'stale' | 'failed';

/** What a frame's card shows: what a job is doing to it, else what its current render says. */
export function frameStatus(activity: FrameActivity | undefined, hasRender: boolean, stale: boolean): FrameStatus {
  if (activity) return activity.status;
  if (!hasRender) return 'empty';
  return stale ? 'stale' : 'done';
}

/**
 * The active jobs carried over from a run of Onestory that ended unexpectedly and not yet announced, with the
 * frames they have left to render; null when there is nothing new to say.
 */
export function resumedJobs(jobs: readonly Job[], announced: ReadonlySet<string>): { ids: string[]; framesLeft: number } | null {
  const fresh = jobs.filter((j) => j.resumed && isActive(j) && !announced.has(j.id));
  if (fresh.length === 0) return null;
  const framesLeft = fresh.reduce((sum, j) => sum + j.frameIds.filter((id) => !j.doneFrameIds.includes(id)).length, 0);
  return { ids: fresh.map((j) => j.id), framesLeft };
}
