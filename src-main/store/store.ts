import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { PRIVATE_DIR_MODE, restrictFiles } from '../config/private-files.ts';
import { LibraryOpenError } from './errors.ts';
import { migrate } from './migrations.ts';
import { createProjectsRepo, type ProjectsRepo } from './projects-repo.ts';
import { createFramesRepo, type FramesRepo } from './frames-repo.ts';
import { createScenesRepo, type ScenesRepo } from './scenes-repo.ts';
import { createRendersRepo, type RendersRepo } from './renders-repo.ts';
import { createRenderScoresRepo, type RenderScoresRepo } from './render-scores-repo.ts';
import { createModelsRepo, type ModelsRepo } from './models-repo.ts';
import { createSettingsRepo, type SettingsRepo } from './settings-repo.ts';
import { createDownloadsRepo, type DownloadsRepo } from './downloads-repo.ts';
import { createJobsRepo, type JobsRepo } from './jobs-repo.ts';

export interface Store {
  readonly path: string;
  /** The connection itself, for diagnostics (integrity_check) and tests. */
  readonly db: Database.Database;
  readonly projects: ProjectsRepo;
  readonly frames: FramesRepo;
  readonly scenes: ScenesRepo;
  readonly renders: RendersRepo;
  readonly renderScores: RenderScoresRepo;
  readonly models: ModelsRepo;
  readonly settings: SettingsRepo;
  readonly downloads: DownloadsRepo;
  readonly jobs: JobsRepo;
  /**
   * Runs fn in one write transaction (IMMEDIATE: the write lock is taken up front, so a read-then-write
   * never fails with SQLITE_BUSY halfway when another process, e.g. the CLI, writes too). Nested calls
   * become savepoints. A throw rolls everything back.
   */
  write<T>(fn: () => T): T;
  /** Runs fn on one consistent snapshot (e.g. a project and its frames). */
  read<T>(fn: () => T): T;
  close(): void;
}

/** How long a connection waits for another process's write lock before giving up with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

/** Opens (creating if needed) the library at dbPath and brings it to the latest schema. */
export function openStore(dbPath: string): Store {
  mkdirSync(dirname(dbPath), { recursive: true, mode: PRIVATE_DIR_MODE });
  const db = new Database(dbPath);
  try {
    // Before WAL mode: SQLite gives the -wal and -shm files the library file's mode.
    restrictFiles([dbPath]);
    configure(db, dbPath);
    restrictFiles([`${dbPath}-wal`, `${dbPath}-shm`]);
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return {
    path: dbPath,
    db,
    projects: createProjectsRepo(db),
    frames: createFramesRepo(db),
    scenes: createScenesRepo(db),
    renders: createRendersRepo(db),
    renderScores: createRenderScoresRepo(db),
    models: createModelsRepo(db),
    settings: createSettingsRepo(db),
    downloads: createDownloadsRepo(db),
    jobs: createJobsRepo(db),
    write: (fn) => db.transaction(fn).immediate(),
    read: (fn) => db.transaction(fn).deferred(),
    close: () => db.close(),
  };
}

function configure(db: Database.Database, dbPath: string): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  try {
    // The first statement that reads the file header: this is where a foreign file shows itself.
    db.pragma('journal_mode = WAL');
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new LibraryOpenError(
        'not_a_database',
        `${dbPath} is not an Onestory library (not a SQLite database). Move it away or choose another file.`,
      );
    }
    throw err;
  }
  // WAL + NORMAL would already survive a killed process (a commit's WAL frames are in the OS page
  // cache before COMMIT returns); FULL also fsyncs the WAL on every commit, so an acknowledged edit
  // survives a power cut or OS crash too. Edits arrive at human pace, so the fsync costs nothing noticeable.
  db.pragma('synchronous = FULL');
  // Per connection and off by default in SQLite; cascades and SET NULL depend on it.
  db.pragma('foreign_keys = ON');
}
