import { randomUUID } from 'node:crypto';
import { ApiError } from '../../src-shared/contract/index.ts';
import {
  applySettingsPatch,
  DEFAULT_FRAME_DURATION_MS,
  DEFAULT_SETTINGS,
  emptyBoardFields,
  patchFrame,
  PROJECT_NAME_MAX,
  type Frame,
  type Project,
} from '../../src-shared/domain/index.ts';
import type { ServiceContext } from './context.ts';
import type { Handlers } from './handlers.ts';

type ProjectMethods =
  | 'projects.list'
  | 'projects.get'
  | 'projects.create'
  | 'projects.update'
  | 'projects.delete'
  | 'projects.duplicate'
  | 'frames.add'
  | 'frames.update'
  | 'frames.delete'
  | 'frames.reorder';

/**
 * Projects and their frames. Each mutation runs in one write transaction and emits its events only
 * after the commit, so a listener that re-reads always sees the change.
 *
 * Positions out of range are clamped, not refused: `frames.add` past the end appends, `frames.reorder`
 * past the end moves to the last place — a drop beyond the last frame means "last" to every client.
 * `projects.duplicate` copies the frames' texts but not their renders: images are large, and a copy
 * is usually made to try a different story, which makes the old images stale anyway.
 */
export function projectHandlers(
  { store, events, now, requireProject, requireFrame, requireScene, frameChanged }: ServiceContext,
  deps: {
    /** called after a project was deleted (its queued and running jobs are cancelled) */
    onProjectDeleted: (projectId: string) => void;
    /** the library's default model: what a new project without a modelId starts with */
    defaultModelId: () => string | null;
  },
): Pick<Handlers, ProjectMethods> {
  const { onProjectDeleted, defaultModelId } = deps;
  /** A frame may only join a scene of its own story. */
  const requireSceneOf = (projectId: string, sceneId: string) => {
    if (requireScene(sceneId).projectId !== projectId) throw new ApiError('invalid_input', `Scene ${sceneId} belongs to another story`);
  };
  return {
    'projects.list': () => store.projects.list(),

    'projects.get': ({ id }) =>
      store.read(() => ({ project: requireProject(id), frames: store.frames.listByProject(id), scenes: store.scenes.listByProject(id) })),

    'projects.create': (input) => {
      const t = now();
      const project: Project = {
        id: randomUUID(),
        name: input.name,
        identityPrompt: input.identityPrompt ?? '',
        negativePrompt: input.negativePrompt ?? '',
        modelId: input.modelId === undefined ? defaultModelId() : input.modelId,
        settings: applySettingsPatch(DEFAULT_SETTINGS, input.settings ?? {}),
        createdAt: t,
        updatedAt: t,
      };
      store.projects.insert(project);
      events.emit('projects.changed', {});
      return project;
    },

    'projects.update': ({ id, patch }) => {
      const updated = store.write(() => {
        const p = requireProject(id);
        const next: Project = {
          ...p,
          name: patch.name ?? p.name,
          identityPrompt: patch.identityPrompt ?? p.identityPrompt,
          negativePrompt: patch.negativePrompt ?? p.negativePrompt,
          modelId: patch.modelId === undefined ? p.modelId : patch.modelId,
          settings: patch.settings ? applySettingsPatch(p.settings, patch.settings) : p.settings,
          updatedAt: now(),
        };
        store.projects.update(next);
        return next;
      });
      events.emit('project.changed', { projectId: id });
      events.emit('projects.changed', {});
      return updated;
    },

    'projects.delete': ({ id }) => {
      if (!store.projects.delete(id)) throw new ApiError('not_found', `Project ${id} not found`);
      onProjectDeleted(id);
      events.emit('project.changed', { projectId: id });
      events.emit('projects.changed', {});
      return { ok: true };
    },

    'projects.duplicate': ({ id, name }) => {
      const copy = store.write(() => {
        const source = requireProject(id);
        const t = now();
        const project: Project = {
          ...source,
          id: randomUUID(),
          name: name ?? copyName(source.name),
          createdAt: t,
          updatedAt: t,
        };
        store.projects.insert(project);
        const sceneIds = new Map<string, string>();
        for (const scene of store.scenes.listByProject(id)) {
          sceneIds.set(scene.id, randomUUID());
          store.scenes.insert({ ...scene, id: sceneIds.get(scene.id)!, projectId: project.id, createdAt: t, updatedAt: t });
        }
        for (const frame of store.frames.listByProject(id)) {
          const sceneId = frame.sceneId && (sceneIds.get(frame.sceneId) ?? null);
          store.frames.insertAt({ ...frame, id: randomUUID(), projectId: project.id, sceneId, currentRenderId: null, createdAt: t, updatedAt: t });
        }
        return project;
      });
      events.emit('projects.changed', {});
      return copy;
    },

    'frames.add': (input) => {
      const frame = store.write(() => {
        requireProject(input.projectId);
        const count = store.frames.count(input.projectId);
        const t = now();
        const { projectId, prompt, caption, notes, durationMs, position: asked, ...board } = input;
        if (board.sceneId) requireSceneOf(projectId, board.sceneId);
        const position = Math.min(asked ?? count, count);
        const frame: Frame = patchFrame(
          {
            id: randomUUID(),
            projectId,
            position,
            prompt,
            caption: caption ?? '',
            notes: notes ?? '',
            durationMs: durationMs ?? DEFAULT_FRAME_DURATION_MS,
            seedOverride: null,
            currentRenderId: null,
            kept: false,
            createdAt: t,
            updatedAt: t,
            ...emptyBoardFields(position),
          },
          board,
        );
        store.frames.insertAt(frame);
        store.projects.touch(frame.projectId, t);
        return frame;
      });
      frameChanged(frame.projectId);
      return frame;
    },

    'frames.update': ({ id, patch }) => {
      const updated = store.write(() => {
        const f = requireFrame(id);
        if (patch.kept && f.currentRenderId === null) throw new ApiError('invalid_input', `Frame ${f.position + 1} has no picture to keep yet`);
        if (patch.sceneId) requireSceneOf(f.projectId, patch.sceneId);
        const next: Frame = { ...patchFrame(f, patch), updatedAt: now() };
        store.frames.update(next);
        store.projects.touch(next.projectId, next.updatedAt);
        return next;
      });
      frameChanged(updated.projectId);
      return updated;
    },

    'frames.delete': ({ id }) => {
      const frame = store.write(() => {
        const frame = requireFrame(id);
        store.frames.delete(frame);
        store.projects.touch(frame.projectId, now());
        return frame;
      });
      frameChanged(frame.projectId);
      return { ok: true };
    },

    'frames.reorder': ({ id, toPosition }) => {
      const frames = store.write(() => {
        const frame = requireFrame(id);
        const last = store.frames.count(frame.projectId) - 1;
        store.frames.move(frame, Math.min(toPosition, last));
        store.projects.touch(frame.projectId, now());
        return store.frames.listByProject(frame.projectId);
      });
      frameChanged(frames[0].projectId);
      return frames;
    },
  };
}

/** "Storyboard" → "Storyboard (copy)", kept within the name limit. */
function copyName(name: string): string {
  const suffix = ' (copy)';
  return name.slice(0, PROJECT_NAME_MAX - suffix.length) + suffix;
}
