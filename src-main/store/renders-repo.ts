import type Database from 'better-sqlite3';
import { RenderParamsSchema, type Render } from '../../src-shared/domain/index.ts';

interface RenderRow {
  id: string;
  frame_id: string;
  created_at: number;
  width: number;
  height: number;
  params: string;
  plan_hash: string;
}

/** A render as stored: its metadata plus the image bytes, which are read back only on demand. */
export interface NewRender extends Render {
  png: Buffer;
  thumbnail: Buffer | null;
}

export type RendersRepo = ReturnType<typeof createRendersRepo>;

export function createRendersRepo(db: Database.Database) {
  // Metadata queries never select the BLOBs, so listing a frame's variants stays cheap.
  const columns = 'id, frame_id, created_at, width, height, params, plan_hash';
  const insert = db.prepare(`
    INSERT INTO renders (id, frame_id, created_at, width, height, params, plan_hash, png, thumbnail)
    VALUES (@id, @frame_id, @created_at, @width, @height, @params, @plan_hash, @png, @thumbnail)`);
  const get = db.prepare<[string], RenderRow>(`SELECT ${columns} FROM renders WHERE id = ?`);
  const listByFrame = db.prepare<[string], RenderRow>(
    `SELECT ${columns} FROM renders WHERE frame_id = ? ORDER BY created_at, rowid`,
  );
  const listCurrentByProject = db.prepare<[string], RenderRow>(`
    SELECT r.id, r.frame_id, r.created_at, r.width, r.height, r.params, r.plan_hash
    FROM frames f JOIN renders r ON r.id = f.current_render_id WHERE f.project_id = ?`);
  const countByProject = db.prepare<[string], { frame_id: string; n: number }>(`
    SELECT r.frame_id, count(*) AS n FROM renders r JOIN frames f ON f.id = r.frame_id
    WHERE f.project_id = ? GROUP BY r.frame_id`);
  const getPng = db.prepare<[string], { png: Buffer }>('SELECT png FROM renders WHERE id = ?');
  const getThumbnail = db.prepare<[string], { thumbnail: Buffer | null }>('SELECT thumbnail FROM renders WHERE id = ?');

  return {
    insert(render: NewRender): void {
      insert.run({
        id: render.id,
        frame_id: render.frameId,
        created_at: render.createdAt,
        width: render.width,
        height: render.height,
        params: JSON.stringify(render.params),
        // A column of its own so later issues can find stale renders without parsing JSON.
        plan_hash: render.params.planHash,
        png: render.png,
        thumbnail: render.thumbnail,
      });
    },
    get(id: string): Render | undefined {
      const row = get.get(id);
      return row && fromRow(row);
    },
    /** Oldest first: the order in which the variants were made. */
    listByFrame(frameId: string): Render[] {
      return listByFrame.all(frameId).map(fromRow);
    },
    /** The current variant of every frame of the project that has one. */
    listCurrentByProject(projectId: string): Render[] {
      return listCurrentByProject.all(projectId).map(fromRow);
    },
    /** How many variants each frame of the project has; frames without any are absent. */
    countByProject(projectId: string): Map<string, number> {
      return new Map(countByProject.all(projectId).map((r) => [r.frame_id, r.n]));
    },
    getPng(id: string): Buffer | undefined {
      return getPng.get(id)?.png;
    },
    getThumbnail(id: string): Buffer | null | undefined {
      return getThumbnail.get(id)?.thumbnail;
    },
  };
}

function fromRow(r: RenderRow): Render {
  return {
    id: r.id,
    frameId: r.frame_id,
    createdAt: r.created_at,
    width: r.width,
    height: r.height,
    params: RenderParamsSchema.parse(JSON.parse(r.params)),
  };
}
