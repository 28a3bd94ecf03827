import type { Frame, Project, Render, StoryState } from '../../../src-shared/domain/index.ts';
import type { StoryPlan } from '../../engine/conditioning/index.ts';
import { CLIP_MAX_LENGTH } from '../../engine/tokenizer/index.ts';

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

/**
 * The token meter and each frame's state. A render is stale when the story it was made from differs
 * from the story now, as far as its frame's conditioning goes: another model, another consolidated
 * prompt (or window) for the frame, or another place in it. Settings (β, steps, …), the negative prompt
 * and seeds change the image too, but on purpose and per render, so they do not make older ones stale.
 */
export function storyState({ project, frames, currentRenders, variantCounts, plan, modelProblem }: StoryStateInput): StoryState {
  const currentByFrame = new Map(currentRenders.map((r) => [r.frameId, r]));

  const isStale = (render: Render | undefined, index: number): boolean => {
    if (!render) return false;
    if (render.params.modelId !== project.modelId) return true;
    // Without a tokenizer the prompts cannot be compared; only a change of model is known.
    if (!plan) return false;
    const placement = plan.placements[index];
    // A story that cannot be planned now cannot be the one any render was made from.
    if (!placement) return true;
    return plan.prompts[placement.prompt].text !== render.params.storyPrompt || placement.part !== render.params.partIndex;
  };

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
