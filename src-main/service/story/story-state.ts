import type { Render, StoryState } from '../../../src-shared/domain/index.ts';
import { CLIP_MAX_LENGTH } from '../../engine/tokenizer/index.ts';
import { needsRegenerating, staleReasons, type StoryNow } from '../../story/staleness.ts';

export interface StoryStateInput extends StoryNow {
  /** the frames' current variants */
  currentRenders: readonly Render[];
  variantCounts: ReadonlyMap<string, number>;
  /** why the story's model cannot render it */
  modelProblem: string | undefined;
}

/** The token meter and each frame's state (staleness: `src-main/story/staleness.ts`). */
export function storyState(input: StoryStateInput): StoryState {
  const { project, frames, currentRenders, variantCounts, plan, modelProblem } = input;
  const currentByFrame = new Map(currentRenders.map((r) => [r.frameId, r]));
  const reasonsOf = (index: number): string[] => {
    const render = currentByFrame.get(frames[index].id);
    return render ? staleReasons(render.params, index, input) : [];
  };

  return {
    projectId: project.id,
    capacity: plan?.capacity ?? CLIP_MAX_LENGTH - 2,
    identityTokens: plan?.tokenCounts.identity ?? 0,
    prompts: plan
      ? plan.prompts.map((p) => ({
          text: p.text,
          frameIds: p.frames.map((j) => frames[j].id),
          // The end token sits right after the content, which starts after the start token.
          tokens: p.eot.start - 1,
          parts: [plan.identity, ...p.frames.map((j) => plan.frames[j])],
        }))
      : [],
    frames: frames.map((frame, j) => {
      const staleReasons = reasonsOf(j);
      return {
        frameId: frame.id,
        tokens: plan?.tokenCounts.frames[j] ?? 0,
        promptIndex: plan?.placements[j]?.prompt ?? null,
        stale: needsRegenerating(frame, staleReasons),
        staleReasons,
        variantCount: variantCounts.get(frame.id) ?? 0,
      };
    }),
    warnings: plan?.warnings ?? [],
    errors: [...(modelProblem ? [modelProblem] : []), ...(plan?.errors ?? [])],
  };
}
