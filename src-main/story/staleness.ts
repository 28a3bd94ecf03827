// Whether a frame's current render still shows the story as it is now.
import type { Project, RenderParams } from '../../src-shared/domain/index.ts';
import type { StoryPlan } from '../engine/conditioning/index.ts';

/**
 * One rule for the editor's `story.state` and for exports: a render is stale when
 * it was made with another model or another noise mode, or its frame now sits in another consolidated prompt
 * (or window) or at another place in it. Other settings, seeds and the negative prompt change images on purpose
 * and per render, so they do not make older ones stale; the noise mode is the exception, since it says which
 * tool's noise the story is meant to reproduce (issue 11). Without a plan (no tokenizer at hand) only the model
 * and noise mode are checked.
 */
export function isRenderStale(params: RenderParams, position: number, project: Project, plan: StoryPlan | null): boolean {
  if (params.modelId !== project.modelId) return true;
  if (params.settings.noise !== project.settings.noise) return true;
  if (!plan) return false;
  const placement = plan.placements[position];
  // A story that cannot be planned now cannot be the one any render was made from.
  if (!placement) return true;
  return plan.prompts[placement.prompt].text !== params.storyPrompt || placement.part !== params.partIndex;
}
