import type Database from 'better-sqlite3';
import { GenerationSettingsSchema, PROJECT_THUMBNAILS, type Project, type ProjectSummary } from '../../src-shared/domain/index.ts';

interface ProjectRow {
  id: string;
  name: string;
  identity_prompt: string;
  negative_prompt: string;
  model_id: string | null;
  settings: string;
  created_at: number;
  updated_at: number;
}

type SummaryRow = Omit<ProjectRow, 'negative_prompt' | 'settings'> & { frame_count: number; thumbnail_render_ids: string };

export type ProjectsRepo = ReturnType<typeof createProjectsRepo>;

export function createProjectsRepo(db: Database.Database) {
  // rowid breaks ties between changes made within the same millisecond: the later one comes first.
  const list = db.prepare<[], SummaryRow>(`
    SELECT p.id, p.name, p.identity_prompt, p.model_id, p.created_at, p.updated_at,
           (SELECT count(*) FROM frames f WHERE f.project_id = p.id) AS frame_count,
           (SELECT json_group_array(current_render_id) FROM (
              SELECT f.current_render_id FROM frames f WHERE f.project_id = p.id AND f.current_render_id IS NOT NULL
              ORDER BY f.position LIMIT ${PROJECT_THUMBNAILS})) AS thumbnail_render_ids
    FROM projects p ORDER BY p.updated_at DESC, p.rowid DESC`);
  const get = db.prepare<[string], ProjectRow>('SELECT * FROM projects WHERE id = ?');
  const insert = db.prepare<ProjectRow>(`
    INSERT INTO projects (id, name, identity_prompt, negative_prompt, model_id, settings, created_at, updated_at)
    VALUES (@id, @name, @identity_prompt, @negative_prompt, @model_id, @settings, @created_at, @updated_at)`);
  const update = db.prepare<ProjectRow>(`
    UPDATE projects SET name = @name, identity_prompt = @identity_prompt, negative_prompt = @negative_prompt,
      model_id = @model_id, settings = @settings, updated_at = @updated_at
    WHERE id = @id`);
  const remove = db.prepare<[string]>('DELETE FROM projects WHERE id = ?');
  const touch = db.prepare<[number, string]>('UPDATE projects SET updated_at = ? WHERE id = ?');

  return {
    list(): ProjectSummary[] {
      return list.all().map((r) => ({
        id: r.id,
        name: r.name,
        identityPrompt: r.identity_prompt,
        modelId: r.model_id,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        frameCount: r.frame_count,
        thumbnailRenderIds: JSON.parse(r.thumbnail_render_ids) as string[],
      }));
    },
    get(id: string): Project | undefined {
      const row = get.get(id);
      return row && fromRow(row);
    },
    insert(project: Project): void {
      insert.run(toRow(project));
    },
    update(project: Project): void {
      update.run(toRow(project));
    },
    /** Frames and renders go with it (ON DELETE CASCADE). Returns false when there was no such project. */
    delete(id: string): boolean {
      return remove.run(id).changes > 0;
    },
    /** Marks the project as changed, e.g. when one of its frames changed. */
    touch(id: string, updatedAt: number): void {
      touch.run(updatedAt, id);
    },
  };
}

function fromRow(r: ProjectRow): Project {
  return {
    id: r.id,
    name: r.name,
    identityPrompt: r.identity_prompt,
    negativePrompt: r.negative_prompt,
    modelId: r.model_id,
    // Validated on the way out so a hand-edited or corrupted row fails loudly, not deep in the engine.
    settings: GenerationSettingsSchema.parse(JSON.parse(r.settings)),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toRow(p: Project): ProjectRow {
  return {
    id: p.id,
    name: p.name,
    identity_prompt: p.identityPrompt,
    negative_prompt: p.negativePrompt,
    model_id: p.modelId,
    settings: JSON.stringify(p.settings),
    created_at: p.createdAt,
    updated_at: p.updatedAt,
  };
}
