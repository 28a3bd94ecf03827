// The .onestory project file: a SQLite database with the library's schema, holding one project and all its
// renders, marked as Onestory's by PRAGMA application_id.
import { randomBytes } from 'node:crypto';
import { copyFile, mkdtemp, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createFramesRepo } from '../../store/frames-repo.ts';
import { LATEST_SCHEMA_VERSION, migrate } from '../../store/migrations.ts';
import { createProjectsRepo } from '../../store/projects-repo.ts';
import { createRendersRepo } from '../../store/renders-repo.ts';
import { createScenesRepo } from '../../store/scenes-repo.ts';
import { ExportError } from '../errors.ts';
import type { ProjectRepos } from './copy-project.ts';
import { schemaDifference } from './schema-check.ts';

/** "ONST"; fixed forever, so any Onestory can tell its project files from other SQLite databases. */
export const PROJECT_FILE_APPLICATION_ID = 0x4f4e5354;
export const PROJECT_FILE_EXTENSION = '.onestory';

const SQLITE_MAGIC = 'SQLite format 3\0';
/** Big-endian header fields (sqlite.org/fileformat.html): user_version is the schema version. */
const USER_VERSION_OFFSET = 60;
const APPLICATION_ID_OFFSET = 68;
const HEADER_BYTES = 100;
const REQUIRED_TABLES = ['projects', 'frames', 'renders'];

export function projectRepos(db: Database.Database): ProjectRepos {
  return { projects: createProjectsRepo(db), frames: createFramesRepo(db), scenes: createScenesRepo(db), renders: createRendersRepo(db) };
}

/** A new, empty project file at path, at the current schema. */
export function createProjectFile(path: string): Database.Database {
  const db = new Database(path);
  try {
    // The file is temporary until it is complete and renamed: on any failure it is deleted whole, so no journal.
    db.pragma('journal_mode = MEMORY');
    db.pragma(`application_id = ${PROJECT_FILE_APPLICATION_ID}`);
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

export interface OpenedProjectFile {
  db: Database.Database;
  repos: ProjectRepos;
  close(): Promise<void>;
}

/**
 * Checks that path is a project file this version can read, and opens a private copy of it (brought to the
 * current schema when it is older) in a folder of its own under staging, so the user's file is never changed.
 */
export async function openProjectFile(path: string, staging: string): Promise<OpenedProjectFile> {
  const header = await readHeader(path);
  const invalid = (why: string) => new ExportError('invalid_project_file', `${path} is not an Onestory project file: ${why}`);
  if (header.toString('latin1', 0, SQLITE_MAGIC.length) !== SQLITE_MAGIC) throw invalid('it is not a SQLite database');
  if (header.readInt32BE(APPLICATION_ID_OFFSET) !== PROJECT_FILE_APPLICATION_ID) {
    throw invalid('it is a SQLite database, but not one Onestory wrote (an Onestory library is not a project file either)');
  }
  const version = header.readInt32BE(USER_VERSION_OFFSET);
  if (version > LATEST_SCHEMA_VERSION) {
    throw new ExportError(
      'newer_schema',
      `${path} was made by a newer Onestory (schema ${version}); update Onestory to import it. This version reads schema ${LATEST_SCHEMA_VERSION} and older.`,
    );
  }

  const folder = await mkdtemp(join(staging, 'import-'));
  const close = () => rm(folder, { recursive: true, force: true });
  let db: Database.Database | undefined;
  try {
    const copy = join(folder, `${randomBytes(6).toString('hex')}${PROJECT_FILE_EXTENSION}`);
    await copyFile(path, copy);
    db = new Database(copy);
    const damaged = (why: string) => new ExportError('invalid_project_file', `${path} is damaged: ${why}`);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw damaged(String(check));
    const tables = new Set(db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all());
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length > 0) throw damaged(`it has no ${missing.join(', ')} table${missing.length > 1 ? 's' : ''}`);
    try {
      migrate(db);
    } catch (error) {
      // A hand-made file whose tables do not match its version: a step would add what is there already.
      if ((error as { code?: string }).code !== 'SQLITE_ERROR') throw error;
      throw damaged(`its tables do not match its schema version (${version}): ${(error as Error).message}`);
    }
    const difference = schemaDifference(db);
    if (difference) throw damaged(difference);
    const opened = db;
    return { db: opened, repos: projectRepos(opened), close: async () => (opened.close(), await close()) };
  } catch (error) {
    db?.close();
    await close();
    if ((error as { code?: string }).code === 'SQLITE_NOTADB' || (error as { code?: string }).code === 'SQLITE_CORRUPT') {
      throw new ExportError('invalid_project_file', `${path} is damaged: ${(error as Error).message}`, { cause: error });
    }
    throw error;
  }
}

async function readHeader(path: string): Promise<Buffer> {
  let file;
  try {
    file = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    throw new ExportError('invalid_project_file', `Cannot import ${path}: ${why}`, { cause: error });
  }
  try {
    const header = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await file.read(header, 0, HEADER_BYTES, 0);
    // A file shorter than a SQLite header is no database: all zeros fail the magic check.
    return bytesRead === HEADER_BYTES ? header : Buffer.alloc(HEADER_BYTES);
  } catch (error) {
    // Opening a folder succeeds on some systems; reading it does not.
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') throw new ExportError('invalid_project_file', `Cannot import ${path}: it is a folder`);
    throw error;
  } finally {
    await file.close();
  }
}
