import { ApiError } from '../../src-shared/contract/index.ts';
import type { Frame, Project, Scene } from '../../src-shared/domain/index.ts';
import type { Store } from '../store/index.ts';
import type { EventBus } from './events.ts';

/** What every group of handlers shares: the store, the event bus, the clock and the lookups that 404. */
export interface ServiceContext {
  store: Store;
  events: EventBus;
  /** epoch ms; tests pin it */
  now: () => number;
  requireProject(id: string): Project;
  requireFrame(id: string): Frame;
  requireScene(id: string): Scene;
  /** A frame changed: its project's summary (frame count, last change) changed too. */
  frameChanged(projectId: string): void;
}

export function createContext(store: Store, events: EventBus, now: () => number): ServiceContext {
  return {
    store,
    events,
    now,
    requireProject(id) {
      const project = store.projects.get(id);
      if (!project) throw new ApiError('not_found', `Project ${id} not found`);
      return project;
    },
    requireFrame(id) {
      const frame = store.frames.get(id);
      if (!frame) throw new ApiError('not_found', `Frame ${id} not found`);
      return frame;
    },
    requireScene(id) {
      const scene = store.scenes.get(id);
      if (!scene) throw new ApiError('not_found', `Scene ${id} not found`);
      return scene;
    },
    frameChanged(projectId) {
      events.emit('project.changed', { projectId });
      events.emit('projects.changed', {});
    },
  };
}
