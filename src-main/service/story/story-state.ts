import type { Frame, Project, Render, StoryState } from '../../../src-shared/domain/index.ts';
import type { StoryPlan } from '../../engine/conditioning/index.ts';
import { CLIP_MAX_LENGTH } from '../../engine/tokenizer/index.ts';
import { isRenderStale } from '../../story/staleness.ts';

export interface StoryStateInput {
  project: Project;
  /** in story order */
  frames: readonly Frame[];
  /** the frames' current variants */
  currentRenders: readonly Render[];
  variantCounts: ReadonlyMap<string, number>;
  /** null when no tokenizer was at hand to plan with */
  plan: StoryPlan | null;
  /** why the story's model cannot render it */
  modelProblem: string | undefined;
}

/** The token meter and each frame's state (staleness: `src-main/story/staleness.ts`). */
export function storyState({ project, frames, currentRenders, variantCounts, plan, modelProblem }: StoryStateInput): StoryState {
  const currentByFrame = new Map(currentRenders.map((r) => [r.frameId, r]));

  const isStale = (render: Render | undefined, index: number): boolean =>
    render !== undefined && isRenderStale(render.params, index, project, plan);

  return {
    projectId: project.id,
    capacity: plan?.capacity ?? CLIP_MAX_LENGTH - 2,
    identityTokens: plan?.tokenCounts.identity ?? 0,
    prompts: (plan?.prompts ?? []).map((p) => ({
      text: p.text,
      frameIds: p.frames.map((j) => frames[j].id),
      // The end token sits right after the content, which starts after the start token.
      tokens: p.eot.start - 1,
    })),
    frames: frames.map((frame, j) => ({
      frameId: frame.id,
      tokens: plan?.tokenCounts.frames[j] ?? 0,
      promptIndex: plan?.placements[j]?.prompt ?? null,
      stale: isStale(currentByFrame.get(frame.id), j),
      variantCount: variantCounts.get(frame.id) ?? 0,
    })),
    warnings: plan?.warnings ?? [],
    errors: [...(modelProblem ? [modelProblem] : []), ...(plan?.errors ?? [])],
  };
}
