import type Database from 'better-sqlite3';
import type { Scene } from '../../src-shared/domain/index.ts';

interface SceneRow {
  id: string;
  project_id: string;
  heading: string;
  created_at: number;
  updated_at: number;
}

export type ScenesRepo = ReturnType<typeof createScenesRepo>;

/** Scene headings of a story. Deleting one leaves its frames in place, in no scene. */
export function createScenesRepo(db: Database.Database) {
  const listByProject = db.prepare<[string], SceneRow>('SELECT * FROM scenes WHERE project_id = ? ORDER BY created_at, rowid');
  const get = db.prepare<[string], SceneRow>('SELECT * FROM scenes WHERE id = ?');
  const insert = db.prepare<SceneRow>(
    'INSERT INTO scenes (id, project_id, heading, created_at, updated_at) VALUES (@id, @project_id, @heading, @created_at, @updated_at)',
  );
  const update = db.prepare<SceneRow>('UPDATE scenes SET heading = @heading, updated_at = @updated_at WHERE id = @id');
  const remove = db.prepare<[string]>('DELETE FROM scenes WHERE id = ?');
  const leave = db.prepare<[string]>('UPDATE frames SET scene_id = NULL WHERE scene_id = ?');
  const deleteScene = db.transaction((id: string) => {
    leave.run(id);
    return remove.run(id).changes > 0;
  });

  return {
    listByProject: (projectId: string): Scene[] => listByProject.all(projectId).map(fromRow),
    get(id: string): Scene | undefined {
      const row = get.get(id);
      return row && fromRow(row);
    },
    insert: (scene: Scene): void => void insert.run(toRow(scene)),
    update: (scene: Scene): void => void update.run(toRow(scene)),
    delete: (id: string): boolean => deleteScene(id),
  };
}

function fromRow(r: SceneRow): Scene {
  return { id: r.id, projectId: r.project_id, heading: r.heading, createdAt: r.created_at, updatedAt: r.updated_at };
}

function toRow(s: Scene): SceneRow {
  return { id: s.id, project_id: s.projectId, heading: s.heading, created_at: s.createdAt, updated_at: s.updatedAt };
}
