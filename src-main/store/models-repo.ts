import type Database from 'better-sqlite3';
import { z } from 'zod';
import { ModelRecordSchema, type ModelRecord } from '../../src-shared/domain/index.ts';

/**
 * A model as stored; whether its folder is still there, whether the library owns it (from its source), may
 * delete it (owned, in the models folder) and whether it is the default are worked out when it is read out to a client.
 */
export type StoredModel = Omit<ModelRecord, 'available' | 'owned' | 'deletable' | 'isDefault'>;

interface ModelRow {
  id: string;
  name: string;
  family: string;
  source: string;
  path: string;
  size_bytes: number;
  added_at: number;
  last_used_at: number | null;
  info: string;
}

/**
 * What the `info` column holds; an object so later versions can add to it without a migration. Rows written
 * before IPCA availability was recorded have none: IPCA was available for every model the library took then.
 */
const ModelInfoColumnSchema = z.object({
  // rows from before scoring models joined the library are diffusion models
  kind: ModelRecordSchema.shape.kind.default('diffusion'),
  defaults: ModelRecordSchema.shape.defaults,
  ipcaUnavailableReason: ModelRecordSchema.shape.ipcaUnavailableReason.default(null),
  /** rows written before speeds were measured have none */
  speeds: ModelRecordSchema.shape.speeds.default([]),
});

export type ModelsRepo = ReturnType<typeof createModelsRepo>;

export function createModelsRepo(db: Database.Database) {
  const list = db.prepare<[], ModelRow>('SELECT * FROM models ORDER BY name COLLATE NOCASE, added_at');
  const get = db.prepare<[string], ModelRow>('SELECT * FROM models WHERE id = ?');
  const getByPath = db.prepare<[string], ModelRow>('SELECT * FROM models WHERE path = ?');
  const upsert = db.prepare<ModelRow>(`
    INSERT INTO models (id, name, family, source, path, size_bytes, added_at, last_used_at, info)
    VALUES (@id, @name, @family, @source, @path, @size_bytes, @added_at, @last_used_at, @info)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, family = excluded.family, source = excluded.source,
      path = excluded.path, size_bytes = excluded.size_bytes, info = excluded.info`);
  const touch = db.prepare<[number, string]>('UPDATE models SET last_used_at = ? WHERE id = ?');
  const remove = db.prepare<[string]>('DELETE FROM models WHERE id = ?');

  return {
    list(): StoredModel[] {
      return list.all().map(fromRow);
    },
    get(id: string): StoredModel | undefined {
      const row = get.get(id);
      return row && fromRow(row);
    },
    getByPath(path: string): StoredModel | undefined {
      const row = getByPath.get(path);
      return row && fromRow(row);
    },
    /** Inserts, or rewrites everything but `addedAt` and `lastUsedAt` of the model with the same id. */
    save(model: StoredModel): void {
      upsert.run(toRow(model));
    },
    markUsed(id: string, at: number): void {
      touch.run(at, id);
    },
    delete(id: string): void {
      remove.run(id);
    },
  };
}

function fromRow(r: ModelRow): StoredModel {
  return {
    id: r.id,
    name: r.name,
    family: r.family,
    source: ModelRecordSchema.shape.source.parse(r.source),
    path: r.path,
    sizeBytes: r.size_bytes,
    addedAt: r.added_at,
    lastUsedAt: r.last_used_at,
    ...ModelInfoColumnSchema.parse(JSON.parse(r.info)),
  };
}

function toRow(m: StoredModel): ModelRow {
  return {
    id: m.id,
    name: m.name,
    family: m.family,
    source: m.source,
    path: m.path,
    size_bytes: m.sizeBytes,
    added_at: m.addedAt,
    last_used_at: m.lastUsedAt,
    info: JSON.stringify({ kind: m.kind, defaults: m.defaults, ipcaUnavailableReason: m.ipcaUnavailableReason, speeds: m.speeds }),
  };
}
