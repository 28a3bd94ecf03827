// One consistent read of a story for export: the project, its frames in order and each one's current render.
import type { ExportProblem } from '../../src-shared/domain/export.ts';
import type { Frame, Project, Render } from '../../src-shared/domain/index.ts';
import type { Store } from '../store/index.ts';
import { ExportError } from './errors.ts';
import { isRenderStale } from '../story/staleness.ts';
import { planWithProjectModel, type PlanStory } from './story-plan.ts';

/** ok: the current render shows the story as it is; missing: no render yet; stale: made from another story. */
export type FrameExportState = 'ok' | 'missing' | 'stale';

export interface SnapshotFrame {
  frame: Frame;
  /** the frame's current variant; null when it has none */
  render: Render | null;
  /** that variant's full-resolution PNG */
  png: Buffer | null;
  state: FrameExportState;
}

export interface StorySnapshot {
  project: Project;
  /** the model's name in the library, else its id; null when the project has no model */
  modelName: string | null;
  frames: SnapshotFrame[];
  /** every frame that is not `ok`, in story order */
  problems: ExportProblem[];
}

export interface SnapshotOptions {
  /** default: planned with the project's model's tokenizer (see story-plan.ts) */
  planStory?: PlanStory;
}

export async function loadStorySnapshot(store: Store, projectId: string, options: SnapshotOptions = {}): Promise<StorySnapshot> {
  const { planStory = planWithProjectModel(store) } = options;
  const read = store.read(() => {
    const project = store.projects.get(projectId);
    if (!project) throw new ExportError('not_found', `Project ${projectId} not found`);
    const frames = store.frames.listByProject(projectId).map((frame) => {
      const render = frame.currentRenderId === null ? undefined : store.renders.get(frame.currentRenderId);
      return { frame, render: render ?? null, png: render ? (store.renders.getPng(render.id) ?? null) : null };
    });
    const modelName = project.modelId === null ? null : (store.models.get(project.modelId)?.name ?? project.modelId);
    return { project, modelName, frames };
  });

  const plan = await planStory(read.project, read.frames.map((f) => f.frame));
  const frames: SnapshotFrame[] = read.frames.map((f, position) => ({
    ...f,
    state: !f.render || !f.png ? 'missing' : isRenderStale(f.render.params, position, read.project, plan) ? 'stale' : 'ok',
  }));
  const problems = frames.flatMap(({ frame, state }): ExportProblem[] =>
    state === 'ok' ? [] : [{ frameId: frame.id, position: frame.position, kind: state }],
  );
  return { project: read.project, modelName: read.modelName, frames, problems };
}
