import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, openStore, type Store } from '../../store/index.ts';
import { useTempDir } from '../../store/temp-dir.testing.ts';
import { exportStory } from '../export-story.ts';
import { addTestStory, TEST_MODEL_ID } from '../test-story.testing.ts';
import { PROJECT_FILE_APPLICATION_ID } from './format.ts';
import { importProjectFile } from './import-project-file.ts';

/** The library's first schema as released (migrations are append-only): what a file from the first version holds. */
const SCHEMA_1 = `
  CREATE TABLE projects (id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, identity_prompt TEXT NOT NULL, negative_prompt TEXT NOT NULL,
    model_id TEXT, settings TEXT NOT NULL CHECK (json_valid(settings)), created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL) STRICT;
  CREATE INDEX projects_by_updated ON projects (updated_at);
  CREATE TABLE frames (id TEXT PRIMARY KEY NOT NULL, project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    position INTEGER NOT NULL, prompt TEXT NOT NULL, caption TEXT NOT NULL, notes TEXT NOT NULL, duration_ms INTEGER NOT NULL,
    seed_override INTEGER, current_render_id TEXT REFERENCES renders (id) ON DELETE SET NULL, created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL, UNIQUE (project_id, position)) STRICT;
  CREATE INDEX frames_by_current_render ON frames (current_render_id);
  CREATE TABLE renders (id TEXT PRIMARY KEY NOT NULL, frame_id TEXT NOT NULL REFERENCES frames (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL, width INTEGER NOT NULL, height INTEGER NOT NULL, params TEXT NOT NULL CHECK (json_valid(params)),
    plan_hash TEXT NOT NULL, png BLOB NOT NULL, thumbnail BLOB) STRICT;
  CREATE INDEX renders_by_frame ON renders (frame_id, created_at);`;
const SCHEMA_1_COLUMNS = {
  projects: 'id, name, identity_prompt, negative_prompt, model_id, settings, created_at, updated_at',
  frames: 'id, project_id, position, prompt, caption, notes, duration_ms, seed_override, current_render_id, created_at, updated_at',
  renders: 'id, frame_id, created_at, width, height, params, plan_hash, png, thumbnail',
};

/** Everything a library holds about one project, as plain rows, render images included. */
function dump(store: Store, projectId: string) {
  const project = store.projects.get(projectId);
  const frames = store.frames.listByProject(projectId);
  const renders = frames.flatMap((f) =>
    store.renders.listByFrame(f.id).map((r) => ({ ...r, png: store.renders.getPng(r.id), thumbnail: store.renders.getThumbnail(r.id) })),
  );
  return { project, frames, renders };
}

describe('.onestory project files', () => {
  const dir = useTempDir();
  let library: Store;
  let staging: string;
  beforeEach(() => {
    library = openStore(join(dir(), 'library.sqlite'));
    staging = join(dir(), 'staging');
    mkdirSync(staging);
  });
  afterEach(() => library.close());

  async function exported(): Promise<{ projectId: string; file: string }> {
    const { project } = await addTestStory(library, {
      name: 'Kitten story',
      frames: [{ prompt: 'wakes up', caption: '醒来', notes: 'n', durationMs: 1500, variants: 3 }, { prompt: 'plays', variants: 0 }, { prompt: 'sleeps' }],
    });
    const file = join(dir(), 'kitten.onestory');
    await exportStory(library, project.id, { format: 'project' }, file);
    return { projectId: project.id, file };
  }

  it('is a SQLite database marked with Onestory’s application id, at the current schema, holding one project', async () => {
    const { file } = await exported();
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('application_id', { simple: true })).toBe(PROJECT_FILE_APPLICATION_ID);
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(db.pragma('journal_mode', { simple: true })).toBe('delete'); // one self-contained file
      expect(db.prepare('SELECT count(*) FROM projects').pluck().get()).toBe(1);
      expect(db.prepare('SELECT count(*) FROM renders').pluck().get()).toBe(4); // every variant, not just the current ones
    } finally {
      db.close();
    }
  });

  it('imports into an empty library equal to the original: project, frames and every render byte for byte', async () => {
    const { projectId, file } = await exported();
    const empty = openStore(join(dir(), 'other', 'library.sqlite'));
    try {
      const imported = await importProjectFile(empty, file, staging);
      expect(imported).toMatchObject({ frames: 3, renders: 4, idsKept: true });
      expect(imported.project.id).toBe(projectId);
      expect(dump(empty, projectId)).toEqual(dump(library, projectId));
      expect(empty.db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      empty.close();
    }
  });

  it('carries which frames the user kept', async () => {
    const { project, frames } = await addTestStory(library, { frames: [{ prompt: 'wakes up' }, { prompt: 'sleeps' }] });
    library.frames.update({ ...frames[1], kept: true });
    const file = join(dir(), 'kept.onestory');
    await exportStory(library, project.id, { format: 'project' }, file);
    const empty = openStore(join(dir(), 'other', 'library.sqlite'));
    try {
      await importProjectFile(empty, file, staging);
      expect(empty.frames.listByProject(project.id).map((f) => f.kept)).toEqual([false, true]);
    } finally {
      empty.close();
    }
  });

  it('names the story’s model to a library that does not have it, and not to one that does', async () => {
    library.models.save({
      id: TEST_MODEL_ID,
      name: 'SDXL Turbo',
      kind: 'diffusion',
      family: 'sdxl-turbo',
      source: 'downloaded',
      path: join(dir(), 'models', 'sdxl-turbo'),
      sizeBytes: 1,
      addedAt: 1,
      lastUsedAt: null,
      defaults: { width: 512, height: 512, steps: 1, guidance: 0, scheduler: 'euler-ancestral' },
      ipcaUnavailableReason: null,
      speeds: [],
    });
    const { file } = await exported();
    const empty = openStore(join(dir(), 'other', 'library.sqlite'));
    try {
      expect((await importProjectFile(empty, file, staging)).missingModel).toEqual({ name: 'SDXL Turbo', family: 'sdxl-turbo' });
    } finally {
      empty.close();
    }
    expect((await importProjectFile(library, file, staging)).missingModel).toBeNull();
  });

  it('imports a second copy with new ids and a free name', async () => {
    const { projectId, file } = await exported();
    const first = await importProjectFile(library, file, staging);
    expect(first.idsKept).toBe(false);
    expect(first.project.name).toBe('Kitten story (imported)');
    const second = await importProjectFile(library, file, staging);
    expect(second.project.name).toBe('Kitten story (imported 2)');

    const original = dump(library, projectId);
    const copy = dump(library, first.project.id);
    expect(copy.project?.id).not.toBe(projectId);
    expect(copy.frames.map((f) => [f.prompt, f.caption, f.position])).toEqual(original.frames.map((f) => [f.prompt, f.caption, f.position]));
    expect(copy.renders.map((r) => r.png)).toEqual(original.renders.map((r) => r.png));
    const originalIds = new Set(original.renders.map((r) => r.id));
    expect(copy.renders.filter((r) => originalIds.has(r.id))).toEqual([]);
    // Each frame's current variant is its own copy's.
    for (const frame of copy.frames) if (frame.currentRenderId) expect(copy.renders.find((r) => r.id === frame.currentRenderId)?.frameId).toBe(frame.id);
  });

  it('imports a file of an older schema (1), bringing it up to date', async () => {
    const { projectId, file } = await exported();
    const old = join(dir(), 'old.onestory');
    const db = new Database(old);
    db.exec(SCHEMA_1);
    db.pragma(`application_id = ${PROJECT_FILE_APPLICATION_ID}`);
    db.pragma('user_version = 1');
    db.pragma('foreign_keys = OFF'); // frames and renders point at each other
    db.prepare('ATTACH ? AS current').run(file);
    for (const [table, columns] of Object.entries(SCHEMA_1_COLUMNS)) db.exec(`INSERT INTO ${table} SELECT ${columns} FROM current.${table}`);
    db.exec('DETACH current');
    db.close();
    const empty = openStore(join(dir(), 'other', 'library.sqlite'));
    try {
      await importProjectFile(empty, old, staging);
      expect(dump(empty, projectId)).toEqual(dump(library, projectId));
    } finally {
      empty.close();
    }
  });

  it('imports a file written before noise modes existed: its story and renders read as float32 noise', async () => {
    const { projectId, file } = await exported();
    const db = new Database(file);
    db.exec(`UPDATE projects SET settings = json_remove(settings, '$.noise'); UPDATE renders SET params = json_remove(params, '$.settings.noise')`);
    expect(db.prepare(`SELECT count(*) FROM renders WHERE params -> '$.settings.noise' IS NOT NULL`).pluck().get()).toBe(0);
    db.close();
    const empty = openStore(join(dir(), 'other', 'library.sqlite'));
    try {
      await importProjectFile(empty, file, staging);
      const imported = dump(empty, projectId);
      expect(imported.project?.settings.noise).toBe('float32');
      expect(imported.renders.map((r) => r.params.settings.noise)).toEqual(['float32', 'float32', 'float32', 'float32']);
      expect(imported).toEqual(dump(library, projectId)); // the original was drawn in float32 too
    } finally {
      empty.close();
    }
  });

  describe('refuses what is not a project file, saying why, and changes nothing', () => {
    const refused = async (path: string, message: string) => {
      const before = library.projects.list();
      await expect(importProjectFile(library, path, staging)).rejects.toThrow(message);
      expect(library.projects.list()).toEqual(before);
    };

    it('a text file', async () => {
      const path = join(dir(), 'notes.onestory');
      writeFileSync(path, 'just some text, long enough to fill a SQLite header of one hundred bytes, and then some more of it');
      await refused(path, 'is not an Onestory project file: it is not a SQLite database');
    });

    it('an empty file, a missing file and a folder', async () => {
      writeFileSync(join(dir(), 'empty.onestory'), '');
      await refused(join(dir(), 'empty.onestory'), 'it is not a SQLite database');
      await refused(join(dir(), 'missing.onestory'), 'there is no such file');
      mkdirSync(join(dir(), 'folder.onestory'));
      await refused(join(dir(), 'folder.onestory'), 'it is a folder');
    });

    it('another application’s SQLite database, and an Onestory library', async () => {
      const path = join(dir(), 'other.sqlite');
      const db = new Database(path);
      db.exec('CREATE TABLE t (x)');
      db.close();
      await refused(path, 'it is a SQLite database, but not one Onestory wrote');
      await refused(library.path, 'not one Onestory wrote');
    });

    it('a project file with its tables missing', async () => {
      const { file } = await exported();
      const db = new Database(file);
      db.exec('DROP TABLE renders');
      db.close();
      await refused(file, 'is damaged: it has no renders table');
    });

    it('a project file from a newer Onestory', async () => {
      const { file } = await exported();
      const db = new Database(file);
      db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
      db.close();
      await refused(file, `was made by a newer Onestory (schema ${LATEST_SCHEMA_VERSION + 1}); update Onestory to import it`);
    });

    it('a project file holding two projects, or invalid rows', async () => {
      const { file } = await exported();
      const two = join(dir(), 'two.onestory');
      copyFileSync(file, two);
      const db = new Database(two);
      db.exec("INSERT INTO projects SELECT 'another', name, identity_prompt, negative_prompt, model_id, settings, created_at, updated_at FROM projects");
      db.close();
      await refused(two, 'holds 2 projects instead of one');

      const bad = new Database(file);
      bad.exec('UPDATE frames SET duration_ms = -5');
      bad.close();
      await refused(file, 'is damaged: frame 1 ("wakes up"): durationMs: Too small');
    });
  });

  it('leaves no temporary files behind, in the destination folder or elsewhere', async () => {
    const { file } = await exported();
    await importProjectFile(library, file, staging);
    expect(readdirSync(dir()).sort()).toEqual(['kitten.onestory', 'library.sqlite', 'library.sqlite-shm', 'library.sqlite-wal', 'staging']);
    expect(readdirSync(staging)).toEqual([]);
  });
});
