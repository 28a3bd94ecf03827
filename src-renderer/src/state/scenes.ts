import type { ApiClient } from '../../../src-shared/contract/index.ts';
import type { Frame, ProjectWithFrames, Scene } from '../../../src-shared/domain/index.ts';
import { inverseOf } from './history.ts';
import type { StoryEdit } from './story-edits.ts';

export interface SceneActions {
  /** Starts a scene at this frame: it and the frames after it in the same scene (or in none) go under a new heading. */
  addScene(frameId: string): Promise<Scene | null>;
  renameScene(id: string, heading: string): void;
  /** The heading goes; its frames stay, in no scene. */
  deleteScene(id: string): void;
  /** Drag and drop: the frame goes to a place and into the scene found there, as one undo step. */
  moveFrameToScene(id: string, toPosition: number, sceneId: string | null): void;
}

interface SceneDeps {
  client: ApiClient;
  story(): ProjectWithFrames | null;
  /** records the edit with its inverse and performs it */
  commit(edit: StoryEdit, label: string): void;
  remember(label: string, redo: StoryEdit, undo: StoryEdit): void;
  apply(edit: StoryEdit): void;
  persist<T>(task: () => Promise<T>): Promise<T | undefined>;
  flush(): void;
}

/**
 * Scene headings and the edits that persist them. Undoing a delete adds the scene again, and the backend gives
 * it a new id: later steps that name the old id are followed to the new one (`resolve`).
 */
export function createScenes({ client, story, commit, remember, apply, persist, flush }: SceneDeps) {
  const aliases = new Map<string, string>();
  const resolveId = (id: string): string => {
    let current = id;
    while (aliases.has(current)) current = aliases.get(current)!;
    return current;
  };
  const resolveFrame = <F extends Pick<Frame, 'sceneId'>>(frame: F): F => (frame.sceneId ? { ...frame, sceneId: resolveId(frame.sceneId) } : frame);

  /** The edit with every scene id it names brought up to date. */
  const resolve = (edit: StoryEdit): StoryEdit => {
    switch (edit.type) {
      case 'frame.update':
        return edit.patch.sceneId ? { ...edit, patch: resolveFrame({ ...edit.patch, sceneId: edit.patch.sceneId }) } : edit;
      case 'frame.insert':
        return { ...edit, frame: resolveFrame(edit.frame) };
      case 'scene.update':
      case 'scene.delete':
        return { ...edit, id: resolveId(edit.id) };
      case 'batch':
        return { ...edit, edits: edit.edits.map(resolve) };
      default:
        return edit;
    }
  };

  /** Saves a scene edit already applied locally; scene.insert (a restore) is applied once the backend has made it. */
  const perform = async (projectId: string, edit: Extract<StoryEdit, { type: 'scene.insert' | 'scene.update' | 'scene.delete' }>): Promise<void> => {
    flush();
    switch (edit.type) {
      case 'scene.insert': {
        const created = await persist(() => client.scenes.add({ projectId, heading: edit.scene.heading }));
        if (!created || story()?.project.id !== projectId) return;
        aliases.set(edit.scene.id, created.id);
        apply({ type: 'scene.insert', scene: created });
        return;
      }
      case 'scene.update':
        await persist(() => client.scenes.update({ id: edit.id, patch: { heading: edit.heading } }));
        return;
      case 'scene.delete':
        await persist(() => client.scenes.delete({ id: edit.id }));
        return;
    }
  };

  const actions: SceneActions = {
    async addScene(frameId) {
      const before = story();
      const frame = before?.frames.find((f) => f.id === frameId);
      if (!before || !frame) return null;
      const run = before.frames.slice(frame.position);
      const end = run.findIndex((f) => f.sceneId !== frame.sceneId);
      const joining = end < 0 ? run : run.slice(0, end);
      flush();
      const projectId = before.project.id;
      const heading = `Scene ${before.scenes.length + 1}`;
      const scene = await persist(() => client.scenes.add({ projectId, heading, frameIds: joining.map((f) => f.id) }));
      const now = story();
      if (!scene || now?.project.id !== projectId) return null;
      const redo: StoryEdit = {
        type: 'batch',
        edits: [{ type: 'scene.insert', scene }, ...joining.map((f): StoryEdit => ({ type: 'frame.update', id: f.id, patch: { sceneId: scene.id } }))],
      };
      const undo = inverseOf(now, redo);
      apply(redo);
      if (undo) remember('Add scene', redo, undo);
      return scene;
    },

    renameScene: (id, heading) => commit({ type: 'scene.update', id, heading }, 'Rename scene'),
    deleteScene: (id) => commit({ type: 'scene.delete', id }, 'Delete scene'),

    moveFrameToScene(id, toPosition, sceneId) {
      const frame = story()?.frames.find((f) => f.id === id);
      if (!frame) return;
      const edits: StoryEdit[] = [];
      if (frame.position !== toPosition) edits.push({ type: 'frame.move', id, toPosition });
      if (frame.sceneId !== sceneId) edits.push({ type: 'frame.update', id, patch: { sceneId } });
      if (edits.length === 0) return;
      commit(edits.length === 1 ? edits[0] : { type: 'batch', edits }, frame.sceneId !== sceneId ? 'Move frame to another scene' : 'Move frame');
    },
  };

  return { actions, resolve, perform };
}
