import type Database from 'better-sqlite3';
import { z } from 'zod';
import { IdSchema, JOB_STATUSES, type Job } from '../../src-shared/domain/index.ts';

/** A job as stored: its state (without the live progress), what it renders and the process holding it. */
export interface StoredJob extends Omit<Job, 'progress'> {
  /** the job's snapshot as JSON; the service checks it when it reads it back */
  snapshot: string;
  ownerPid: number | null;
}

interface JobRow {
  id: string;
  project_id: string;
  status: string;
  snapshot: string;
  frame_ids: string;
  done_frame_ids: string;
  error: string | null;
  warnings: string;
  resumed: number;
  owner_pid: number | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

const IdsSchema = z.array(IdSchema);

export type JobsRepo = ReturnType<typeof createJobsRepo>;

export function createJobsRepo(db: Database.Database) {
  const insert = db.prepare<JobRow>(`
    INSERT INTO jobs (id, project_id, status, snapshot, frame_ids, done_frame_ids, error, warnings, resumed, owner_pid, created_at, started_at, finished_at)
    VALUES (@id, @project_id, @status, @snapshot, @frame_ids, @done_frame_ids, @error, @warnings, @resumed, @owner_pid, @created_at, @started_at, @finished_at)`);
  const update = db.prepare<JobRow>(`
    UPDATE jobs SET status = @status, snapshot = @snapshot, done_frame_ids = @done_frame_ids, error = @error, warnings = @warnings, resumed = @resumed,
      owner_pid = @owner_pid, started_at = @started_at, finished_at = @finished_at
    WHERE id = @id`);
  const get = db.prepare<[string], JobRow>('SELECT * FROM jobs WHERE id = ?');
  const listActiveIds = db.prepare<[], string>("SELECT id FROM jobs WHERE status IN ('queued', 'running') ORDER BY created_at, rowid").pluck();
  const fail = db.prepare<{ id: string; error: string; at: number }>(
    "UPDATE jobs SET status = 'failed', error = @error, owner_pid = NULL, finished_at = @at WHERE id = @id",
  );
  const remove = db.prepare<[string]>('DELETE FROM jobs WHERE id = ?');
  const prune = db.prepare<[number]>(`
    DELETE FROM jobs WHERE status IN ('done', 'failed', 'cancelled')
      AND id NOT IN (SELECT id FROM jobs WHERE status IN ('done', 'failed', 'cancelled') ORDER BY finished_at DESC, rowid DESC LIMIT ?)`);

  return {
    insert(job: StoredJob): void {
      insert.run(toRow(job));
    },
    /** Writes what changes over a job's life: status, snapshot (narrowed on resume), frames done, error, owner, times. */
    update(job: StoredJob): void {
      update.run(toRow(job));
    },
    /** Throws when the row cannot be read back (ids or status that are not what this version writes). */
    get(id: string): StoredJob | undefined {
      const row = get.get(id);
      return row && fromRow(row);
    },
    /** Queued and running jobs of every process, oldest first. */
    listActiveIds: (): string[] => listActiveIds.all(),
    /** Fails a job without reading it: for a row that cannot be read back. */
    fail(id: string, error: string, at: number): void {
      fail.run({ id, error, at });
    },
    delete(id: string): void {
      remove.run(id);
    },
    /** Deletes finished jobs beyond the `keep` most recently finished. */
    pruneFinished(keep: number): void {
      prune.run(keep);
    },
  };
}

function fromRow(r: JobRow): StoredJob {
  return {
    id: r.id,
    projectId: r.project_id,
    status: z.enum(JOB_STATUSES).parse(r.status),
    snapshot: r.snapshot,
    frameIds: IdsSchema.parse(JSON.parse(r.frame_ids)),
    doneFrameIds: IdsSchema.parse(JSON.parse(r.done_frame_ids)),
    error: r.error,
    warnings: z.array(z.string()).parse(JSON.parse(r.warnings)),
    resumed: r.resumed === 1,
    ownerPid: r.owner_pid,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

function toRow(j: StoredJob): JobRow {
  return {
    id: j.id,
    project_id: j.projectId,
    status: j.status,
    snapshot: j.snapshot,
    frame_ids: JSON.stringify(j.frameIds),
    done_frame_ids: JSON.stringify(j.doneFrameIds),
    error: j.error,
    warnings: JSON.stringify(j.warnings),
    resumed: j.resumed ? 1 : 0,
    owner_pid: j.ownerPid,
    created_at: j.createdAt,
    started_at: j.startedAt,
    finished_at: j.finishedAt,
  };
}
