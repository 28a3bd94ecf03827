// Whether a frame's current render still shows the story as it is now.
import type { Project, RenderParams } from '../../src-shared/domain/index.ts';
import type { StoryPlan } from '../engine/conditioning/index.ts';

/**
 * One rule for the editor's `story.state` and for exports: a render is stale when
 * it was made with another model, or its frame now sits in another consolidated prompt (or window) or at
 * another place in it. Settings, seeds and the negative prompt change images on purpose and per render, so
 * they do not make older ones stale. Without a plan (no tokenizer at hand) only a change of model is known.
 */
export function isRenderStale(params: RenderParams, position: number, project: Project, plan: StoryPlan | null): boolean {
  if (params.modelId !== project.modelId) return true;
  if (!plan) return false;
  const placement = plan.placements[position];
  // A story that cannot be planned now cannot be the one any render was made from.
  if (!placement) return true;
  return plan.prompts[placement.prompt].text !== params.storyPrompt || placement.part !== params.partIndex;
}
