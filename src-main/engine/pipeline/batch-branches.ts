// A batch's guidance branches for the UNet: the frames' contexts back to back, with their prompts' pooled
// embeddings (SDXL), and when guided the negative prompt's context and pooled embedding once per frame.
import type { FrameContexts } from '../conditioning/index.ts';
import { concatFloats, repeatFloats, type GuidanceBranch } from '../sampler/index.ts';
import type { StorySetup } from './story-setup.ts';

export function batchBranches(setup: StorySetup, batch: readonly number[], contexts: readonly FrameContexts[]): { cond: GuidanceBranch; uncond?: GuidanceBranch } {
  const tokens = contexts[0].cond.tokens;
  if (contexts.some((c) => c.cond.tokens !== tokens)) throw new Error('Internal error: frames of one batch have contexts of different lengths');
  const { pooled } = setup.story;
  const cond: GuidanceBranch = {
    context: concatFloats(contexts.map((c) => c.cond.data)),
    tokens,
    textEmbeds: pooled && concatFloats(batch.map((frame) => pooled.prompts[setup.plan.placements[frame].prompt])),
  };
  const uncondContext = contexts[0].uncond;
  if (!uncondContext) return { cond };
  const uncondPooled = pooled?.uncond;
  return {
    cond,
    uncond: {
      context: repeatFloats(uncondContext.data, batch.length),
      tokens: uncondContext.tokens,
      textEmbeds: uncondPooled && repeatFloats(uncondPooled, batch.length),
    },
  };
}
