import type { Frame, Scene } from '../../../../src-shared/domain/index.ts';

export type BoardRow =
  | { kind: 'frame'; frame: Frame }
  /** a header before a run of frames in one scene; scene null for frames after a scene that belong to none */
  | { kind: 'scene'; key: string; scene: Scene | null; frameCount: number; continued: boolean };

/**
 * The board in order: each run of frames that share a scene gets a header row before it. Frames before any scene
 * have no header; a scene whose frames are split by others shows its heading again, "continued".
 */
export function boardRows(frames: readonly Frame[], scenes: readonly Scene[]): BoardRow[] {
  const byId = new Map(scenes.map((scene) => [scene.id, scene]));
  const seen = new Set<string>();
  const rows: BoardRow[] = [];
  for (let i = 0; i < frames.length; i++) {
    const sceneId = frames[i].sceneId;
    if (i === 0 || sceneId !== frames[i - 1].sceneId) {
      let end = i;
      while (end < frames.length && frames[end].sceneId === sceneId) end++;
      const scene = (sceneId && byId.get(sceneId)) || null;
      if (scene || i > 0) rows.push({ kind: 'scene', key: `scene-${i}`, scene, frameCount: end - i, continued: scene !== null && seen.has(scene.id) });
      if (scene) seen.add(scene.id);
    }
    rows.push({ kind: 'frame', frame: frames[i] });
  }
  return rows;
}
