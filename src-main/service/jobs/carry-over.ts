import type { Job } from '../../../src-shared/domain/index.ts';
import type { StoredJob } from '../../store/index.ts';
import type { ServiceContext } from '../context.ts';
import { isOtherLiveProcess } from '../files/process-alive.ts';
import { storedJob, type CarriedJob } from './job-queue.ts';
import { narrowSnapshot, parseJobSnapshot } from './job-snapshot.ts';

/**
 * Takes over the jobs that processes now gone (Onestory killed or crashed) left queued or running: each
 * is queued again for the frames it had not stored, in the order they were first queued. One transaction
 * per job, which also re-reads its owner, so two processes starting at once never both take one.
 */
export function takeOverInterrupted(ctx: ServiceContext): CarriedJob[] {
  return ctx.store.jobs.listActiveIds().flatMap((id) => ctx.store.write(() => takeOver(ctx, id)) ?? []);
}

function takeOver({ store, now }: ServiceContext, id: string): CarriedJob | undefined {
  let row: StoredJob | undefined;
  try {
    row = store.jobs.get(id);
  } catch (error) {
    return void unreadable(id, error);
  }
  if (!row || (row.status !== 'queued' && row.status !== 'running') || isOtherLiveProcess(row.ownerPid)) return undefined;
  let snapshot;
  try {
    snapshot = parseJobSnapshot(row.snapshot);
  } catch (error) {
    return void unreadable(id, error);
  }
  if (!store.projects.get(row.projectId)) return void drop(row, 'its story was deleted');

  const done = new Set(row.doneFrameIds);
  const frameIds = row.frameIds.filter((frameId) => done.has(frameId) || store.frames.get(frameId)?.projectId === row.projectId);
  const left = new Set(frameIds.filter((frameId) => !done.has(frameId)));
  if (left.size === 0 && frameIds.length < row.frameIds.length) return void drop(row, 'the frames it had left were deleted');
  const { snapshot: _json, ownerPid: _owner, ...state } = row;
  if (left.size === 0) {
    // It stored its last frame and the process ended before it could say so.
    store.jobs.update(storedJob(snapshot, { ...state, frameIds, status: 'done', finishedAt: now(), progress: null }));
    return undefined;
  }
  const job: Job = { ...state, frameIds, status: 'queued', startedAt: null, progress: null, resumed: true };
  const carried = { snapshot: narrowSnapshot(snapshot, left), job };
  store.jobs.update(storedJob(carried.snapshot, job));
  return carried;

  function unreadable(jobId: string, error: unknown): void {
    console.error(`[onestory] job ${jobId} could not be read back after a restart; marking it failed:`, error);
    store.jobs.fail(jobId, 'This job could not be read back after Onestory restarted (its record is damaged or from another version); generate its frames again.', now());
  }

  function drop(job: StoredJob, why: string): void {
    console.warn(`[onestory] dropping interrupted job ${job.id}: ${why}`);
    store.jobs.delete(job.id);
  }
}
