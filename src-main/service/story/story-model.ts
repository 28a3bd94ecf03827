import { basename } from 'node:path';
import type { StoredModel } from '../../store/index.ts';
import type { StoryTokenizer } from '../../story/project-plan.ts';
import type { TokenizerCache } from '../../story/tokenizer-cache.ts';
import type { ModelLibrary } from '../models/model-library.ts';

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
