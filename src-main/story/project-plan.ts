// The story as the engine will consolidate it, planned in the main process (token meter, staleness, export).
import { modelPrompt, type Frame, type Project } from '../../src-shared/domain/index.ts';
import { planStory, type PlanTokenizer, type StoryPlan } from '../engine/conditioning/index.ts';

export interface StoryTokenizer {
  tokenizer: PlanTokenizer;
  /** what the engine calls the model (its folder's name), so both sides compute the same plan hash */
  tokenizerId: string;
}

/** The same function, inputs and tokenizer as the engine. */
export function planProjectStory(project: Project, frames: readonly Frame[], { tokenizer, tokenizerId }: StoryTokenizer): StoryPlan {
  return planStory({
    identity: project.identityPrompt,
    frames: frames.map((f) => modelPrompt(f, project.settings)),
    tokenizer,
    tokenizerId,
    windowLength: project.settings.windowLength,
  });
}
