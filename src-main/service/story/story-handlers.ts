import type { ServiceContext } from '../context.ts';
import type { Handlers } from '../handlers.ts';
import type { ModelLibrary } from '../models/model-library.ts';
import { planProjectStory } from '../../story/project-plan.ts';
import { resolveStoryModel } from './story-model.ts';
import { storyState } from './story-state.ts';
import { storyNow } from '../../story/story-now.ts';
import type { TokenizerCache } from '../../story/tokenizer-cache.ts';

export function storyHandlers(
  { store, requireProject }: ServiceContext,
  deps: { library: ModelLibrary; tokenizers: TokenizerCache },
): Pick<Handlers, 'story.state'> {
  return {
    'story.state': async ({ projectId }) => {
      const { tokenizer, problem } = await resolveStoryModel(requireProject(projectId).modelId, deps.library, deps.tokenizers);
      // Read after the tokenizer has loaded, so the state describes the story as it is now.
      return store.read(() => {
        const project = requireProject(projectId);
        const frames = store.frames.listByProject(projectId);
        return storyState({
          ...storyNow(store.models, project, frames, tokenizer ? planProjectStory(project, frames, tokenizer) : null),
          currentRenders: store.renders.listCurrentByProject(projectId),
          variantCounts: store.renders.countByProject(projectId),
          modelProblem: problem,
        });
      });
    },
  };
}
