import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, emptyBoardFields, type Frame, type Project, type RenderParams } from '../../src-shared/domain/index.ts';
import type { StoredModel } from './models-repo.ts';
import { LATEST_SCHEMA_VERSION, LibraryOpenError, openStore, type NewRender, type Store } from './index.ts';
import { useTempDir } from './temp-dir.testing.ts';

const tempDir = useTempDir();

function withStore(fn: (store: Store) => void): void {
  const store = openStore(join(tempDir(), 'library.sqlite'));
  try {
    fn(store);
  } finally {
    store.close();
  }
}

function project(): Project {
  return {
    id: randomUUID(),
    name: 'P',
    identityPrompt: 'a fox',
    negativePrompt: '',
    modelId: null,
    settings: DEFAULT_SETTINGS,
    createdAt: 1,
    updatedAt: 1,
  };
}

function frame(projectId: string, position: number, prompt = `f${position}`): Frame {
  return {
    id: randomUUID(),
    projectId,
    position,
    prompt,
    caption: '',
    notes: '',
    durationMs: 1000,
    seedOverride: null,
    currentRenderId: null,
    kept: false,
    createdAt: 1,
    updatedAt: 1,
    ...emptyBoardFields(position),
  };
}

function render(frameId: string, createdAt: number): NewRender {
  const params: RenderParams = {
    modelId: 'm',
    modelFamily: 'sd15',
    settings: DEFAULT_SETTINGS,
    width: 512,
    height: 512,
    steps: 50,
    guidance: 7.5,
    scheduler: 'ddim',
    seed: 42,
    identityPrompt: 'a fox',
    negativePrompt: '',
    framePrompt: 'running',
    storyPrompt: 'a fox; running',
    partIndex: 1,
    planHash: `hash-${createdAt}`,
  };
  return {
    id: randomUUID(),
    frameId,
    createdAt,
    width: 512,
    height: 512,
    params,
    png: Buffer.from([0x89, 0x50, 0x4e, 0x47, createdAt]),
    thumbnail: createdAt === 1 ? null : Buffer.from([createdAt]),
  };
}

describe('openStore', () => {
  it('creates the folder and a library at the latest schema, with the durability settings', () => {
    const path = join(tempDir(), 'nested', 'deeper', 'library.sqlite');
    const store = openStore(path);
    const { db } = store;
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['downloads', 'frames', 'jobs', 'models', 'projects', 'render_scores', 'renders', 'scenes', 'settings']);
    store.close();
    // Reopening migrates nothing and keeps the data.
    const again = openStore(path);
    expect(again.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    again.close();
  });

  it('brings a schema-1 library to the latest schema, keeping its data', () => {
    const path = join(tempDir(), 'library.sqlite');
    const p = project();
    const current = openStore(path);
    current.projects.insert(p);
    // What a library made before the models table (and the later settings, downloads, jobs, scenes and render_scores tables, kept frames and board fields) looked like.
    const boardColumns = ['shot_number', 'shot_type', 'camera', 'action', 'dialogue', 'speaker', 'scene_id'].map((c) => `ALTER TABLE frames DROP COLUMN ${c};`).join(' ');
    current.db.exec(`DROP TABLE models; DROP TABLE settings; DROP TABLE downloads; DROP TABLE jobs; DROP TABLE render_scores; DROP INDEX frames_by_scene; DROP TABLE scenes;
      ${boardColumns} ALTER TABLE frames DROP COLUMN kept; PRAGMA user_version = 1;`);
    current.close();
    const migrated = openStore(path);
    expect(migrated.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(migrated.projects.get(p.id)).toEqual(p);
    expect(migrated.models.list()).toEqual([]);
    expect(migrated.downloads.list()).toEqual([]);
    expect(migrated.jobs.listActiveIds()).toEqual([]);
    expect(migrated.settings.get('provider')).toBe('auto');
    migrated.close();
  });

  it('refuses a library made by a newer app, saying so', () => {
    const path = join(tempDir(), 'library.sqlite');
    const future = new Database(path);
    future.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 3}`);
    future.close();
    const open = () => openStore(path);
    expect(open).toThrow(LibraryOpenError);
    expect(open).toThrow(`This library was created by a newer Onestory (schema ${LATEST_SCHEMA_VERSION + 3}); update the app`);
    // The refusal left the file as it was.
    const check = new Database(path);
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 3);
    check.close();
  });

  it('rolls a failed migration back as a whole', () => {
    const path = join(tempDir(), 'library.sqlite');
    const clash = new Database(path);
    clash.exec('CREATE TABLE renders (x)'); // makes migration 1 fail after it created its first tables
    clash.close();
    expect(() => openStore(path)).toThrow(/renders already exists/);
    const check = new Database(path);
    expect(check.pragma('user_version', { simple: true })).toBe(0);
    expect(check.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all()).toEqual(['renders']);
    check.close();
  });

  it('refuses a file that is not a SQLite database', () => {
    const path = join(tempDir(), 'notes.sqlite');
    writeFileSync(path, 'These are my notes, not a database. '.repeat(100));
    let error: unknown;
    try {
      openStore(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LibraryOpenError);
    expect((error as LibraryOpenError).code).toBe('not_a_database');
    expect((error as Error).message).toContain(`${path} is not an Onestory library (not a SQLite database)`);
  });
});

describe('projects repo', () => {
  it('round-trips a project and refuses corrupt settings on read', () => {
    withStore((store) => {
      const p = { ...project(), modelId: 'sd15', settings: { ...DEFAULT_SETTINGS, seed: Number.MAX_SAFE_INTEGER } };
      store.projects.insert(p);
      expect(store.projects.get(p.id)).toEqual(p);
      expect(store.projects.get(randomUUID())).toBeUndefined();
      store.db.prepare('UPDATE projects SET settings = ? WHERE id = ?').run('{"seed": "forty-two"}', p.id);
      expect(() => store.projects.get(p.id)).toThrow();
    });
  });

  it('reads settings stored before noise modes existed as float32 noise', () => {
    withStore((store) => {
      const p = { ...project(), settings: { ...DEFAULT_SETTINGS, noise: 'float16' as const } };
      store.projects.insert(p);
      const { noise: _, ...older } = p.settings;
      store.db.prepare('UPDATE projects SET settings = ? WHERE id = ?').run(JSON.stringify(older), p.id);
      expect(store.projects.get(p.id)?.settings).toEqual({ ...older, noise: 'float32' });
    });
  });

  it('refuses settings that are not JSON at all', () => {
    withStore((store) => {
      const p = project();
      store.projects.insert(p);
      expect(() => store.db.prepare('UPDATE projects SET settings = ? WHERE id = ?').run('not json', p.id)).toThrow(/CHECK/);
    });
  });
});

describe('frames repo', () => {
  function story(store: Store, n: number): Frame[] {
    const p = project();
    store.projects.insert(p);
    for (let i = 0; i < n; i++) store.frames.insertAt(frame(p.id, i));
    return store.frames.listByProject(p.id);
  }
  const order = (store: Store, projectId: string) =>
    store.frames.listByProject(projectId).map((f) => `${f.position}:${f.prompt}`);

  it('inserts, moves and deletes while keeping positions 0..n-1', () => {
    withStore((store) => {
      const frames = story(store, 4);
      const pid = frames[0].projectId;
      store.frames.insertAt(frame(pid, 1, 'new'));
      expect(order(store, pid)).toEqual(['0:f0', '1:new', '2:f1', '3:f2', '4:f3']);
      store.frames.move(store.frames.get(frames[3].id)!, 0);
      expect(order(store, pid)).toEqual(['0:f3', '1:f0', '2:new', '3:f1', '4:f2']);
      store.frames.move(store.frames.get(frames[3].id)!, 4);
      expect(order(store, pid)).toEqual(['0:f0', '1:new', '2:f1', '3:f2', '4:f3']);
      store.frames.delete(store.frames.get(frames[0].id)!);
      expect(order(store, pid)).toEqual(['0:new', '1:f1', '2:f2', '3:f3']);
      expect(store.frames.count(pid)).toBe(4);
    });
  });

  it('keeps each project’s positions separate', () => {
    withStore((store) => {
      const a = story(store, 3);
      const b = story(store, 2);
      store.frames.move(a[2], 0);
      expect(order(store, b[0].projectId)).toEqual(['0:f0', '1:f1']);
    });
  });

  it('refuses two frames at one position and a frame without a project', () => {
    withStore((store) => {
      const [, second] = story(store, 2);
      expect(() => store.db.prepare('UPDATE frames SET position = 0 WHERE id = ?').run(second.id)).toThrow(/UNIQUE/);
      expect(() => store.frames.insertAt(frame(randomUUID(), 0))).toThrow(/FOREIGN KEY/);
    });
  });
});

describe('renders repo', () => {
  it('stores renders with their PNG and lists them per frame, oldest first', () => {
    withStore((store) => {
      const p = project();
      store.projects.insert(p);
      const f = frame(p.id, 0);
      store.frames.insertAt(f);
      const second = render(f.id, 2);
      const first = render(f.id, 1);
      store.renders.insert(second);
      store.renders.insert(first);
      const { png, thumbnail, ...meta } = second;
      expect(store.renders.get(second.id)).toEqual(meta);
      expect(store.renders.listByFrame(f.id).map((r) => r.id)).toEqual([first.id, second.id]);
      expect(store.renders.getPng(second.id)).toEqual(png);
      expect(store.renders.getThumbnail(second.id)).toEqual(thumbnail);
      expect(store.renders.getThumbnail(first.id)).toBeNull();
      expect(store.renders.getPng(randomUUID())).toBeUndefined();
      expect(store.db.prepare('SELECT plan_hash FROM renders WHERE id = ?').pluck().get(second.id)).toBe('hash-2');
    });
  });

  it('reads a render made before noise modes existed as drawn with float32 noise', () => {
    withStore((store) => {
      const p = project();
      store.projects.insert(p);
      const f = frame(p.id, 0);
      store.frames.insertAt(f);
      const r = render(f.id, 1);
      const { noise: _, ...olderSettings } = r.params.settings;
      store.renders.insert({ ...r, params: { ...r.params, settings: { ...r.params.settings, noise: 'float16-torch1' } } });
      store.db.prepare('UPDATE renders SET params = ? WHERE id = ?').run(JSON.stringify({ ...r.params, settings: olderSettings }), r.id);
      expect(store.renders.get(r.id)?.params.settings.noise).toBe('float32');
    });
  });

  it('clears a frame’s current render when that render is deleted, and deletes renders with their frame', () => {
    withStore((store) => {
      const p = project();
      store.projects.insert(p);
      const f = frame(p.id, 0);
      store.frames.insertAt(f);
      const r = render(f.id, 1);
      store.renders.insert(r);
      store.frames.setCurrentRender(f.id, r.id);
      expect(store.frames.get(f.id)!.currentRenderId).toBe(r.id);
      store.db.prepare('DELETE FROM renders WHERE id = ?').run(r.id);
      expect(store.frames.get(f.id)!.currentRenderId).toBeNull();

      const kept = render(f.id, 2);
      store.renders.insert(kept);
      store.frames.setCurrentRender(f.id, kept.id);
      expect(store.projects.delete(p.id)).toBe(true);
      expect(store.renders.get(kept.id)).toBeUndefined();
      expect(store.db.prepare('SELECT count(*) FROM frames').pluck().get()).toBe(0);
      expect(store.projects.delete(p.id)).toBe(false);
    });
  });
});

describe('renders of a project', () => {
  it('finds each frame’s current render and counts its variants', () => {
    withStore((store) => {
      const p = project();
      store.projects.insert(p);
      const [a, b, c] = [frame(p.id, 0), frame(p.id, 1), frame(p.id, 2)];
      for (const f of [a, b, c]) store.frames.insertAt(f);
      const renders = [render(a.id, 1), render(a.id, 2), render(b.id, 3)];
      for (const r of renders) store.renders.insert(r);
      store.frames.setCurrentRender(a.id, renders[0].id);
      expect(store.renders.listCurrentByProject(p.id).map((r) => r.id)).toEqual([renders[0].id]);
      expect(store.renders.countByProject(p.id)).toEqual(new Map([[a.id, 2], [b.id, 1]]));
      expect(store.renders.countByProject(randomUUID())).toEqual(new Map());
    });
  });
});

describe('models repo', () => {
  const model = (path: string): StoredModel => ({
    id: randomUUID(),
    name: 'Tiny',
    kind: 'diffusion',
    family: 'sd1',
    source: 'registered',
    path,
    sizeBytes: 1234,
    addedAt: 5,
    lastUsedAt: null,
    defaults: { width: 512, height: 512, steps: 50, guidance: 7.5, scheduler: 'euler' },
    ipcaUnavailableReason: null,
    speeds: [],
  });

  it('saves, finds by id and path, lists by name, and records use', () => {
    withStore((store) => {
      const b = { ...model('/models/b'), name: 'beta' };
      const a = { ...model('/models/a'), name: 'Alpha' };
      store.models.save(b);
      store.models.save(a);
      expect(store.models.get(a.id)).toEqual(a);
      expect(store.models.getByPath('/models/b')).toEqual(b);
      expect(store.models.getByPath('/models/c')).toBeUndefined();
      expect(store.models.list().map((m) => m.name)).toEqual(['Alpha', 'beta']);
      store.models.markUsed(a.id, 99);
      expect(store.models.get(a.id)?.lastUsedAt).toBe(99);
    });
  });

  it('rewrites a saved model in place but keeps when it was added and last used; one record per folder', () => {
    withStore((store) => {
      const m = model('/models/a');
      store.models.save(m);
      store.models.markUsed(m.id, 7);
      store.models.save({ ...m, name: 'Renamed', sizeBytes: 1, addedAt: 1000, lastUsedAt: null });
      expect(store.models.get(m.id)).toEqual({ ...m, name: 'Renamed', sizeBytes: 1, lastUsedAt: 7 });
      expect(() => store.models.save(model('/models/a'))).toThrow(/UNIQUE/);
      store.models.delete(m.id);
      expect(store.models.get(m.id)).toBeUndefined();
    });
  });

  it('keeps why IPCA is unavailable, and reads rows written before that was recorded as IPCA available', () => {
    withStore((store) => {
      const fixed = { ...model('/models/fixed'), ipcaUnavailableReason: 'The UNet was exported with a fixed 77-token context.' };
      store.models.save(fixed);
      expect(store.models.get(fixed.id)).toEqual(fixed);

      const { ipcaUnavailableReason: _, ...old } = model('/models/old');
      store.db
        .prepare('INSERT INTO models (id, name, family, source, path, size_bytes, added_at, last_used_at, info) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(old.id, old.name, old.family, old.source, old.path, old.sizeBytes, old.addedAt, old.lastUsedAt, JSON.stringify({ defaults: old.defaults }));
      expect(store.models.get(old.id)).toEqual({ ...old, ipcaUnavailableReason: null });
    });
  });
});

describe('settings repo', () => {
  it('gives each setting its initial value until set, and keeps what was set', () => {
    withStore((store) => {
      expect(store.settings.get('defaultModelId')).toBeNull();
      expect(store.settings.get('provider')).toBe('auto');
      store.settings.set('provider', 'cuda');
      store.settings.set('defaultModelId', 'm1');
      const lastRun = { provider: 'cpu', fallbackReason: 'CUDA could not start', device: null, calls: {} };
      store.settings.set('lastRun', lastRun);
      expect(store.settings.get('provider')).toBe('cuda');
      expect(store.settings.get('defaultModelId')).toBe('m1');
      expect(store.settings.get('lastRun')).toEqual(lastRun);
    });
  });

  it('reads a value it cannot understand (written by a newer app) as unset, and refuses to write one', () => {
    withStore((store) => {
      store.db.prepare("INSERT INTO settings (key, value) VALUES ('provider', '\"quantum\"')").run();
      expect(store.settings.get('provider')).toBe('auto');
      expect(() => store.settings.set('provider', 'quantum' as never)).toThrow();
    });
  });
});

describe('downloads repo', () => {
  it('inserts, lists newest first, and updates only the state that changes', () => {
    withStore((store) => {
      const base = {
        repo: 'owner/model',
        revision: 'main',
        commit: 'c'.repeat(40),
        name: null,
        dir: '/models/.downloads/x',
        files: [{ path: 'unet/model.onnx', sizeBytes: 10, sha256: 'a'.repeat(64), gitOid: null }],
        status: 'downloading' as const,
        error: null,
        modelId: null,
        ownerPid: 42,
        updatedAt: 1,
      };
      const older = { ...base, id: randomUUID(), createdAt: 1 };
      const newer = { ...base, id: randomUUID(), createdAt: 2 };
      store.downloads.insert(older);
      store.downloads.insert(newer);
      expect(store.downloads.list().map((d) => d.id)).toEqual([newer.id, older.id]);
      const done = { ...older, status: 'done' as const, modelId: 'm', ownerPid: null, updatedAt: 9, files: [], repo: 'ignored/on-update' };
      store.downloads.update(done);
      expect(store.downloads.get(older.id)).toEqual({ ...older, status: 'done', modelId: 'm', ownerPid: null, updatedAt: 9 });
      expect(() => store.downloads.update({ ...older, status: 'lost' as never })).toThrow(/CHECK/);
    });
  });
});
