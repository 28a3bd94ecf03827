import { basename } from 'node:path';
import type { Frame, Project } from '../../../src-shared/domain/index.ts';
import { planStory, type PlanTokenizer, type StoryPlan } from '../../engine/conditioning/index.ts';
import type { StoredModel } from '../../store/index.ts';
import type { ModelLibrary } from '../models/model-library.ts';
import type { TokenizerCache } from './tokenizer-cache.ts';

export interface StoryTokenizer {
  tokenizer: PlanTokenizer;
  /** what the engine calls the model (its folder's name), so both sides compute the same plan hash */
  tokenizerId: string;
}

/** The model a story renders with, or why it cannot, and the tokenizer its prompts are counted with. */
export interface StoryModel {
  model?: StoredModel;
  /** why the story cannot be rendered with its model, for the user */
  problem?: string;
  /**
   * The model's own tokenizer; without a usable model, any available model's, so the token meter keeps
   * working (every Stable Diffusion family counts with CLIP's vocabulary). None when no model is at hand.
   */
  tokenizer?: StoryTokenizer;
}

export async function resolveStoryModel(modelId: string | null, library: ModelLibrary, tokenizers: TokenizerCache): Promise<StoryModel> {
  const choice = library.choose(modelId);
  if (choice.model) {
    try {
      return { model: choice.model, tokenizer: await tokenizerOf(choice.model, tokenizers) };
    } catch (error) {
      return { problem: `The tokenizer of the model "${choice.model.name}" could not be read: ${(error as Error).message}` };
    }
  }
  const standIn = library.anyAvailable();
  const tokenizer = standIn && (await tokenizerOf(standIn, tokenizers).catch(() => undefined));
  return { problem: choice.problem, tokenizer };
}

async function tokenizerOf(model: StoredModel, tokenizers: TokenizerCache): Promise<StoryTokenizer> {
  return { tokenizer: await tokenizers.get(model.path), tokenizerId: basename(model.path) };
}

/** The story as the engine will consolidate it: the same function, inputs and tokenizer. */
export function planProjectStory(project: Project, frames: readonly Frame[], { tokenizer, tokenizerId }: StoryTokenizer): StoryPlan {
  return planStory({
    identity: project.identityPrompt,
    frames: frames.map((f) => f.prompt),
    tokenizer,
    tokenizerId,
    windowLength: project.settings.windowLength,
  });
}
