// Copies one project, its frames and all its renders between two libraries (the app's and a project file),
// one render at a time so a project with many large images never sits in memory whole.
import { randomUUID } from 'node:crypto';
import { FrameSchema, ProjectSchema, RenderSchema, SceneSchema, type Project } from '../../../src-shared/domain/index.ts';
import type { FramesRepo } from '../../store/frames-repo.ts';
import type { ProjectsRepo } from '../../store/projects-repo.ts';
import type { RendersRepo } from '../../store/renders-repo.ts';
import type { ScenesRepo } from '../../store/scenes-repo.ts';
import { firstIssue, frameLabel } from './describe.ts';

export interface ProjectRepos {
  projects: ProjectsRepo;
  frames: FramesRepo;
  scenes: ScenesRepo;
  renders: RendersRepo;
}

export interface CopyOptions {
  /** the copy's name */
  name: string;
  /** give the project, frames and renders new ids (else they keep theirs) */
  newIds: boolean;
}

export interface CopiedProject {
  project: Project;
  frames: number;
  renders: number;
}

/**
 * Run inside a write transaction on `target` (and a read transaction on `source` when it may change).
 * Everything is validated against the domain schemas on the way, so a damaged file fails here, whole.
 */
export function copyProject(source: ProjectRepos, target: ProjectRepos, projectId: string, { name, newIds }: CopyOptions): CopiedProject {
  const ids = new Map<string, string>();
  const idOf = (old: string): string => {
    let id = ids.get(old);
    if (id === undefined) {
      id = newIds ? randomUUID() : old;
      ids.set(old, id);
    }
    return id;
  };

  const original = source.projects.get(projectId);
  if (!original) throw new Error(`Project ${projectId} not found`);
  const project = ProjectSchema.parse({ ...original, id: idOf(original.id), name });
  target.projects.insert(project);

  for (const scene of source.scenes.listByProject(projectId).map((s) => SceneSchema.parse(s))) {
    target.scenes.insert({ ...scene, id: idOf(scene.id), projectId: project.id });
  }

  const frames = source.frames.listByProject(projectId).map((f, j) => {
    const parsed = FrameSchema.safeParse(f);
    if (!parsed.success) throw new Error(`${frameLabel(j + 1, String(f.prompt))}: ${firstIssue(parsed.error)}`, { cause: parsed.error });
    return parsed.data;
  });
  // Current variants are pointed at once their renders exist; positions are renumbered 0..n-1 as the store keeps them.
  frames.forEach((frame, position) => target.frames.insertAt({ ...frame, id: idOf(frame.id), projectId: project.id, position, sceneId: frame.sceneId && idOf(frame.sceneId), currentRenderId: null }));

  let renders = 0;
  for (const frame of frames) {
    const variants = source.renders.listByFrame(frame.id).map((r) => RenderSchema.parse(r));
    for (const render of variants) {
      const png = source.renders.getPng(render.id);
      if (!png) throw new Error(`Render ${render.id} has no image`);
      target.renders.insert({ ...render, id: idOf(render.id), frameId: idOf(frame.id), png, thumbnail: source.renders.getThumbnail(render.id) ?? null });
      renders++;
    }
    if (frame.currentRenderId !== null) {
      if (!variants.some((r) => r.id === frame.currentRenderId)) throw new Error(`Frame ${frame.id}'s current render is not one of its own`);
      target.frames.setCurrentRender(idOf(frame.id), idOf(frame.currentRenderId));
    }
  }
  return { project, frames: frames.length, renders };
}
