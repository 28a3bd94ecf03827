import type Database from 'better-sqlite3';
import { z } from 'zod';
import { DOWNLOAD_STATUSES, type DownloadStatus } from '../../src-shared/domain/index.ts';

/** One file to fetch, with what the Hub says it must be. */
export const StoredDownloadFileSchema = z.object({
  path: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  /** Git LFS files: the SHA-256 of the content */
  sha256: z.string().nullable(),
  /** files kept in Git itself: their Git blob hash (SHA-1) */
  gitOid: z.string().nullable(),
});
export type StoredDownloadFile = z.infer<typeof StoredDownloadFileSchema>;

export interface StoredDownload {
  id: string;
  repo: string;
  revision: string;
  commit: string;
  /** the model's name in the library once done; null: the repository's name */
  name: string | null;
  /** where the partial and finished files are kept until the model joins the library */
  dir: string;
  files: StoredDownloadFile[];
  status: DownloadStatus;
  error: string | null;
  modelId: string | null;
  ownerPid: number | null;
  createdAt: number;
  updatedAt: number;
}

interface DownloadRow {
  id: string;
  repo: string;
  revision: string;
  commit_sha: string;
  name: string | null;
  dir: string;
  files: string;
  status: string;
  error: string | null;
  model_id: string | null;
  owner_pid: number | null;
  created_at: number;
  updated_at: number;
}

export type DownloadsRepo = ReturnType<typeof createDownloadsRepo>;

export function createDownloadsRepo(db: Database.Database) {
  const list = db.prepare<[], DownloadRow>('SELECT * FROM downloads ORDER BY created_at DESC, id');
  const get = db.prepare<[string], DownloadRow>('SELECT * FROM downloads WHERE id = ?');
  const insert = db.prepare<DownloadRow>(`
    INSERT INTO downloads (id, repo, revision, commit_sha, name, dir, files, status, error, model_id, owner_pid, created_at, updated_at)
    VALUES (@id, @repo, @revision, @commit_sha, @name, @dir, @files, @status, @error, @model_id, @owner_pid, @created_at, @updated_at)`);
  const update = db.prepare<DownloadRow>(`
    UPDATE downloads SET status = @status, error = @error, model_id = @model_id, owner_pid = @owner_pid, updated_at = @updated_at
    WHERE id = @id`);

  return {
    list: (): StoredDownload[] => list.all().map(fromRow),
    get(id: string): StoredDownload | undefined {
      const row = get.get(id);
      return row && fromRow(row);
    },
    insert(download: StoredDownload): void {
      insert.run(toRow(download));
    },
    /** Writes the state that changes over a download's life: status, error, model, owner, updated time. */
    update(download: StoredDownload): void {
      update.run(toRow(download));
    },
  };
}

function fromRow(r: DownloadRow): StoredDownload {
  return {
    id: r.id,
    repo: r.repo,
    revision: r.revision,
    commit: r.commit_sha,
    name: r.name,
    dir: r.dir,
    files: z.array(StoredDownloadFileSchema).parse(JSON.parse(r.files)),
    status: z.enum(DOWNLOAD_STATUSES).parse(r.status),
    error: r.error,
    modelId: r.model_id,
    ownerPid: r.owner_pid,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toRow(d: StoredDownload): DownloadRow {
  return {
    id: d.id,
    repo: d.repo,
    revision: d.revision,
    commit_sha: d.commit,
    name: d.name,
    dir: d.dir,
    files: JSON.stringify(d.files),
    status: d.status,
    error: d.error,
    model_id: d.modelId,
    owner_pid: d.ownerPid,
    created_at: d.createdAt,
    updated_at: d.updatedAt,
  };
}
