import { randomUUID } from 'node:crypto';
import { ApiError } from '../../src-shared/contract/index.ts';
import type { Scene } from '../../src-shared/domain/index.ts';
import type { ServiceContext } from './context.ts';
import type { Handlers } from './handlers.ts';

/** Scene headings: each write runs in one transaction and tells listeners after the commit. */
export function sceneHandlers({ store, now, requireProject, requireFrame, requireScene, frameChanged }: ServiceContext): Pick<
  Handlers,
  'scenes.list' | 'scenes.add' | 'scenes.update' | 'scenes.delete'
> {
  return {
    'scenes.list': ({ projectId }) => store.read(() => (requireProject(projectId), store.scenes.listByProject(projectId))),

    'scenes.add': ({ projectId, heading, frameIds = [] }) => {
      const scene = store.write(() => {
        requireProject(projectId);
        const t = now();
        const scene: Scene = { id: randomUUID(), projectId, heading, createdAt: t, updatedAt: t };
        store.scenes.insert(scene);
        for (const id of new Set(frameIds)) {
          const frame = requireFrame(id);
          if (frame.projectId !== projectId) throw new ApiError('invalid_input', `Frame ${id} belongs to another story`);
          store.frames.update({ ...frame, sceneId: scene.id, updatedAt: t });
        }
        store.projects.touch(projectId, t);
        return scene;
      });
      frameChanged(projectId);
      return scene;
    },

    'scenes.update': ({ id, patch }) => {
      const scene = store.write(() => {
        const next: Scene = { ...requireScene(id), updatedAt: now() };
        if (patch.heading !== undefined) next.heading = patch.heading;
        store.scenes.update(next);
        store.projects.touch(next.projectId, next.updatedAt);
        return next;
      });
      frameChanged(scene.projectId);
      return scene;
    },

    'scenes.delete': ({ id }) => {
      const { projectId } = store.write(() => {
        const scene = requireScene(id);
        store.scenes.delete(id);
        store.projects.touch(scene.projectId, now());
        return scene;
      });
      frameChanged(projectId);
      return { ok: true };
    },
  };
}
