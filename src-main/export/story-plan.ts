// The story's current plan, which the staleness check compares renders with.
import { basename } from 'node:path';
import type { Frame, Project } from '../../src-shared/domain/index.ts';
import type { StoryPlan } from '../engine/conditioning/index.ts';
import { planProjectStory } from '../story/project-plan.ts';
import { TokenizerCache } from '../story/tokenizer-cache.ts';
import type { Store } from '../store/index.ts';

/** The plan of a story as it is now, or null when no tokenizer is at hand to count its prompts. */
export type PlanStory = (project: Project, frames: readonly Frame[]) => Promise<StoryPlan | null>;

/**
 * Plans with the tokenizer of the project's own model, as the engine would. When that model is not in the
 * library or its folder cannot be read, there is no plan and only a change of model makes a render stale.
 */
export function planWithProjectModel(store: Store, tokenizers: TokenizerCache = new TokenizerCache()): PlanStory {
  return async (project, frames) => {
    const model = project.modelId === null ? undefined : store.models.get(project.modelId);
    if (!model) return null;
    const tokenizer = await tokenizers.get(model.path).catch(() => undefined);
    return tokenizer ? planProjectStory(project, frames, { tokenizer, tokenizerId: basename(model.path) }) : null;
  };
}
