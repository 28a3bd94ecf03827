import type Database from 'better-sqlite3';
import type { Frame } from '../../src-shared/domain/index.ts';

interface FrameRow {
  id: string;
  project_id: string;
  position: number;
  prompt: string;
  caption: string;
  notes: string;
  duration_ms: number;
  seed_override: number | null;
  current_render_id: string | null;
  kept: number;
  created_at: number;
  updated_at: number;
  shot_number: string;
  shot_type: string;
  camera: string;
  action: string;
  dialogue: string;
  speaker: string;
  scene_id: string | null;
}

export type FramesRepo = ReturnType<typeof createFramesRepo>;

/**
 * Frames of a project always sit at positions 0..n-1. Every method that moves other frames runs in
 * its own transaction (a savepoint when the caller already holds one), so no caller can leave a gap.
 */
export function createFramesRepo(db: Database.Database) {
  const listByProject = db.prepare<[string], FrameRow>('SELECT * FROM frames WHERE project_id = ? ORDER BY position');
  const get = db.prepare<[string], FrameRow>('SELECT * FROM frames WHERE id = ?');
  const count = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM frames WHERE project_id = ?');
  const insert = db.prepare<FrameRow>(`
    INSERT INTO frames (id, project_id, position, prompt, caption, notes, duration_ms, seed_override,
                        current_render_id, kept, created_at, updated_at,
                        shot_number, shot_type, camera, action, dialogue, speaker, scene_id)
    VALUES (@id, @project_id, @position, @prompt, @caption, @notes, @duration_ms, @seed_override,
            @current_render_id, @kept, @created_at, @updated_at,
            @shot_number, @shot_type, @camera, @action, @dialogue, @speaker, @scene_id)`);
  const update = db.prepare<FrameRow>(`
    UPDATE frames SET prompt = @prompt, caption = @caption, notes = @notes, duration_ms = @duration_ms,
      seed_override = @seed_override, kept = @kept, updated_at = @updated_at,
      shot_number = @shot_number, shot_type = @shot_type, camera = @camera, action = @action,
      dialogue = @dialogue, speaker = @speaker, scene_id = @scene_id
    WHERE id = @id`);
  const remove = db.prepare<[string]>('DELETE FROM frames WHERE id = ?');
  const setCurrentRender = db.prepare<[string | null, string]>('UPDATE frames SET current_render_id = ? WHERE id = ?');
  const showNewRender = db.prepare<[string, string]>('UPDATE frames SET current_render_id = ?, kept = 0 WHERE id = ?');
  // SQLite checks UNIQUE(project_id, position) row by row, so shifting a block by ±1 in place can
  // collide with a neighbour mid-statement. Parking the block at negative positions first avoids that.
  const parkRange = db.prepare<{ project: string; from: number; to: number; delta: number }>(`
    UPDATE frames SET position = -(position + @delta) - 1
    WHERE project_id = @project AND position BETWEEN @from AND @to`);
  const parkMove = db.prepare<{ project: string; id: string; from: number; to: number; low: number; high: number }>(`
    UPDATE frames SET position = -(CASE WHEN id = @id THEN @to WHEN @to < @from THEN position + 1 ELSE position - 1 END) - 1
    WHERE project_id = @project AND position BETWEEN @low AND @high`);
  const unpark = db.prepare<[string]>('UPDATE frames SET position = -position - 1 WHERE project_id = ? AND position < 0');

  /** Moves the frames at positions from..to (inclusive) by delta. */
  function shift(project: string, from: number, to: number, delta: number): void {
    if (from > to) return;
    parkRange.run({ project, from, to, delta });
    unpark.run(project);
  }

  const insertAt = db.transaction((frame: Frame) => {
    shift(frame.projectId, frame.position, Number.MAX_SAFE_INTEGER, +1);
    insert.run(toRow(frame));
  });

  const deleteAndClose = db.transaction((frame: Frame) => {
    remove.run(frame.id);
    shift(frame.projectId, frame.position + 1, Number.MAX_SAFE_INTEGER, -1);
  });

  const move = db.transaction((frame: Frame, to: number) => {
    const from = frame.position;
    if (to === from) return;
    parkMove.run({ project: frame.projectId, id: frame.id, from, to, low: Math.min(from, to), high: Math.max(from, to) });
    unpark.run(frame.projectId);
  });

  return {
    listByProject(projectId: string): Frame[] {
      return listByProject.all(projectId).map(fromRow);
    },
    get(id: string): Frame | undefined {
      const row = get.get(id);
      return row && fromRow(row);
    },
    count(projectId: string): number {
      return count.get(projectId)!.n;
    },
    /** Inserts at frame.position (0..count); the frames from there on move one place down. */
    insertAt(frame: Frame): void {
      insertAt(frame);
    },
    /** Writes the frame's editable fields (not its position, project or current render). */
    update(frame: Frame): void {
      update.run(toRow(frame));
    },
    /** Deletes the frame; the frames after it move one place up. */
    delete(frame: Frame): void {
      deleteAndClose(frame);
    },
    /** Moves the frame to `to` (0..count-1) in one step; the frames in between shift by one. */
    move(frame: Frame, to: number): void {
      move(frame, to);
    },
    setCurrentRender(frameId: string, renderId: string | null): void {
      setCurrentRender.run(renderId, frameId);
    },
    /** Makes a freshly generated render current; the frame is no longer kept, since what was kept is replaced. */
    showNewRender(frameId: string, renderId: string): void {
      showNewRender.run(renderId, frameId);
    },
  };
}

function fromRow(r: FrameRow): Frame {
  return {
    id: r.id,
    projectId: r.project_id,
    position: r.position,
    prompt: r.prompt,
    caption: r.caption,
    notes: r.notes,
    durationMs: r.duration_ms,
    seedOverride: r.seed_override,
    currentRenderId: r.current_render_id,
    kept: r.kept === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    shotNumber: r.shot_number || String(r.position + 1),
    shotNumberAuto: r.shot_number === '',
    shotType: r.shot_type,
    camera: r.camera,
    action: r.action,
    dialogue: r.dialogue,
    speaker: r.speaker,
    sceneId: r.scene_id,
  };
}

function toRow(f: Frame): FrameRow {
  return {
    id: f.id,
    project_id: f.projectId,
    position: f.position,
    prompt: f.prompt,
    caption: f.caption,
    notes: f.notes,
    duration_ms: f.durationMs,
    seed_override: f.seedOverride,
    current_render_id: f.currentRenderId,
    kept: f.kept ? 1 : 0,
    created_at: f.createdAt,
    updated_at: f.updatedAt,
    shot_number: f.shotNumberAuto ? '' : f.shotNumber,
    shot_type: f.shotType,
    camera: f.camera,
    action: f.action,
    dialogue: f.dialogue,
    speaker: f.speaker,
    scene_id: f.sceneId,
  };
}
