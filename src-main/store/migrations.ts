import type Database from 'better-sqlite3';
import { LibraryOpenError } from './errors.ts';

/**
 * Schema versions, oldest first; migration i brings `user_version` from i to i + 1.
 * Append only: a released migration is never edited, because libraries in the wild already ran it.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE projects (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    identity_prompt TEXT NOT NULL,
    negative_prompt TEXT NOT NULL,
    model_id TEXT,
    settings TEXT NOT NULL CHECK (json_valid(settings)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX projects_by_updated ON projects (updated_at);

  CREATE TABLE frames (
    id TEXT PRIMARY KEY NOT NULL,
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    prompt TEXT NOT NULL,
    caption TEXT NOT NULL,
    notes TEXT NOT NULL,
    duration_ms INTEGER NOT NULL,
    seed_override INTEGER,
    current_render_id TEXT REFERENCES renders (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (project_id, position)
  ) STRICT;
  -- ON DELETE SET NULL looks frames up by current_render_id whenever a render is deleted
  CREATE INDEX frames_by_current_render ON frames (current_render_id);

  CREATE TABLE renders (
    id TEXT PRIMARY KEY NOT NULL,
    frame_id TEXT NOT NULL REFERENCES frames (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    params TEXT NOT NULL CHECK (json_valid(params)),
    plan_hash TEXT NOT NULL,
    png BLOB NOT NULL,
    thumbnail BLOB
  ) STRICT;
  CREATE INDEX renders_by_frame ON renders (frame_id, created_at);
  `,
  `
  -- A model folder in the library. Projects name a model by id without a foreign key: a story keeps
  -- its choice while its model is missing, and says so instead of losing it.
  CREATE TABLE models (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    family TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('imported', 'registered', 'downloaded')),
    path TEXT NOT NULL UNIQUE,
    size_bytes INTEGER NOT NULL,
    added_at INTEGER NOT NULL,
    last_used_at INTEGER,
    info TEXT NOT NULL CHECK (json_valid(info))
  ) STRICT;
  `,
  `
  -- App-wide choices (default model, execution provider), one JSON value per key.
  CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL CHECK (json_valid(value))
  ) STRICT;

  -- A model download from the Hugging Face Hub. The bytes received live in the partial files under dir,
  -- which are the truth a resume continues from; this row holds what to fetch and where it stands.
  CREATE TABLE downloads (
    id TEXT PRIMARY KEY NOT NULL,
    repo TEXT NOT NULL,
    revision TEXT NOT NULL,
    commit_sha TEXT NOT NULL,
    name TEXT,
    dir TEXT NOT NULL,
    files TEXT NOT NULL CHECK (json_valid(files)),
    status TEXT NOT NULL CHECK (status IN ('downloading', 'verifying', 'paused', 'failed', 'cancelled', 'done')),
    error TEXT,
    model_id TEXT,
    -- the process moving it while it is downloading or verifying; another process finding it dead takes it as paused
    owner_pid INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX downloads_by_created ON downloads (created_at);
  `,
  `
  -- The user keeps a frame's current render as it is, stale or not (issue 12).
  ALTER TABLE frames ADD COLUMN kept INTEGER NOT NULL DEFAULT 0 CHECK (kept IN (0, 1));
  `,
  `
  -- A generation job, kept so that queued and interrupted work survives the app's exit. snapshot is what
  -- the job renders, fixed when it was queued (JSON, checked when read back: a row it cannot read fails).
  -- No foreign key to projects: a job of a story deleted while no process ran is dropped when read back.
  CREATE TABLE jobs (
    id TEXT PRIMARY KEY NOT NULL,
    project_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
    snapshot TEXT NOT NULL,
    frame_ids TEXT NOT NULL CHECK (json_valid(frame_ids)),
    -- frames whose render is stored; written in the same transaction as each render
    done_frame_ids TEXT NOT NULL CHECK (json_valid(done_frame_ids)),
    error TEXT,
    -- what the engine warned of when the job finished (JSON array of strings)
    warnings TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(warnings)),
    -- 1 once carried over from a process that ended unexpectedly
    resumed INTEGER NOT NULL DEFAULT 0,
    -- the process whose queue holds it while queued or running; another process finding it dead takes it over
    owner_pid INTEGER,
    created_at INTEGER NOT NULL,
    started_at INTEGER,
    finished_at INTEGER
  ) STRICT;
  CREATE INDEX jobs_by_status ON jobs (status, created_at);
  `,
  `
  -- Scene headings that group a story's frames on the board.
  CREATE TABLE scenes (
    id TEXT PRIMARY KEY NOT NULL,
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    heading TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX scenes_by_project ON scenes (project_id, created_at);

  -- The board's fields. shot_number '' means "the frame's place". scene_id has no foreign key (a column
  -- that has one cannot be dropped again); the scenes repository clears it when its scene goes.
  ALTER TABLE frames ADD COLUMN shot_number TEXT NOT NULL DEFAULT '';
  ALTER TABLE frames ADD COLUMN shot_type TEXT NOT NULL DEFAULT '';
  ALTER TABLE frames ADD COLUMN camera TEXT NOT NULL DEFAULT '';
  ALTER TABLE frames ADD COLUMN action TEXT NOT NULL DEFAULT '';
  ALTER TABLE frames ADD COLUMN dialogue TEXT NOT NULL DEFAULT '';
  ALTER TABLE frames ADD COLUMN speaker TEXT NOT NULL DEFAULT '';
  ALTER TABLE frames ADD COLUMN scene_id TEXT;
  CREATE INDEX frames_by_scene ON frames (scene_id);
  `,
  `
  -- Consistency scores of a render (issue 16), computed after generation by the scoring models: CLIP-T against
  -- its own prompts, and the image embeddings (float32 little-endian) from which identity scores against any set of
  -- other frames are computed when asked, without running a model again.
  CREATE TABLE render_scores (
    render_id TEXT PRIMARY KEY NOT NULL REFERENCES renders (id) ON DELETE CASCADE,
    clip_model TEXT NOT NULL,
    clip_t REAL NOT NULL,
    clip_embedding BLOB NOT NULL,
    dino_model TEXT,
    dino_embedding BLOB,
    scored_at INTEGER NOT NULL
  ) STRICT;
  `,
  `
  -- The background remover the identity embeddings were taken through (issue 16); null: whole pictures.
  ALTER TABLE render_scores ADD COLUMN segmentation_model TEXT;
  `,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the file to the latest schema. Each step runs in its own IMMEDIATE transaction and
 * re-reads `user_version` inside it, so two processes opening a fresh library at once cannot
 * both run the same step, and a crash mid-step leaves the file at the previous version.
 */
export function migrate(db: Database.Database): void {
  for (;;) {
    const done = db
      .transaction(() => {
        const version = readVersion(db);
        if (version > LATEST_SCHEMA_VERSION) {
          throw new LibraryOpenError(
            'newer_schema',
            `This library was created by a newer Onestory (schema ${version}); update the app. ` +
              `This version understands schema ${LATEST_SCHEMA_VERSION} and older.`,
          );
        }
        if (version === LATEST_SCHEMA_VERSION) return true;
        db.exec(MIGRATIONS[version]);
        // user_version cannot take a bound parameter; version is an integer we computed.
        db.pragma(`user_version = ${version + 1}`);
        return false;
      })
      .immediate();
    if (done) return;
  }
}

function readVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
