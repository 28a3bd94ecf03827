// One consistent read of a story for export: the project, its frames in order and each one's current render.
import type { ExportProblem } from '../../src-shared/domain/export.ts';
import type { Frame, Project, Render, Scene } from '../../src-shared/domain/index.ts';
import type { Store } from '../store/index.ts';
import { ExportError } from './errors.ts';
import { renderPngProblem } from './png-check.ts';
import { needsRegenerating, staleReasons } from '../story/staleness.ts';
import { storyNow } from '../story/story-now.ts';
import { planWithProjectModel, type PlanStory } from './story-plan.ts';

/**
 * ok: the current render is what generating now would make, or the user kept it; missing: no render yet;
 * stale: generating now would make another picture.
 */
export type FrameExportState = 'ok' | 'missing' | 'stale';

export interface SnapshotFrame {
  frame: Frame;
  /** the frame's current variant; null when it has none */
  render: Render | null;
  /** that variant's full-resolution PNG; null when it has none, or its image is unusable (see warnings) */
  png: Buffer | null;
  state: FrameExportState;
  /** how the render differs from what generating now would make (listed for kept frames too) */
  staleReasons: string[];
}

export interface StorySnapshot {
  project: Project;
  /** the model's name in the library, else its id; null when the project has no model */
  modelName: string | null;
  /** the library's names of the models the renders were made with (ids it does not know are left out) */
  modelNames: Map<string, string>;
  frames: SnapshotFrame[];
  /** the story's scene headings (frames point at them by sceneId) */
  scenes: Scene[];
  /** every frame that is not `ok`, in story order */
  problems: ExportProblem[];
  /** renders whose image is unusable (not a PNG, too large, not the render's size): a placeholder stands in */
  warnings: string[];
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
    const modelNames = new Map(frames.flatMap(({ render }) => {
      const model = render && store.models.get(render.params.modelId);
      return model ? [[model.id, model.name] as const] : [];
    }));
    return { project, modelName, modelNames, frames, scenes: store.scenes.listByProject(projectId) };
  });

  // Checked before anything decodes them: an image bomb in an imported file becomes a placeholder, not a 500.
  const warnings: string[] = [];
  for (const f of read.frames) {
    const problem = f.render && f.png && (await renderPngProblem(f.png, f.render));
    if (!problem) continue;
    warnings.push(`Frame ${f.frame.position + 1}: ${problem}; a placeholder stands in for it.`);
    f.png = null;
  }

  const plan = await planStory(read.project, read.frames.map((f) => f.frame));
  const now = storyNow(store.models, read.project, read.frames.map((f) => f.frame), plan);
  const frames: SnapshotFrame[] = read.frames.map((f, position) => {
    const reasons = f.render ? staleReasons(f.render.params, position, now) : [];
    const state = !f.render ? 'missing' : needsRegenerating(f.frame, reasons) ? 'stale' : 'ok';
    return { ...f, state, staleReasons: reasons };
  });
  const problems = frames.flatMap(({ frame, state, staleReasons: reasons }): ExportProblem[] =>
    state === 'ok' ? [] : [{ frameId: frame.id, position: frame.position, kind: state, reasons: state === 'stale' ? reasons : [] }],
  );
  return { project: read.project, modelName: read.modelName, modelNames: read.modelNames, frames, scenes: read.scenes, problems, warnings };
}
