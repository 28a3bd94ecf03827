import { storyConsistency } from '../../story/story-consistency.ts';
import type { ServiceContext } from '../context.ts';
import type { Handlers } from '../handlers.ts';
import type { ModelLibrary } from '../models/model-library.ts';
import type { ScoringRunner } from './scoring-runner.ts';

/** Consistency scores: the story's figures, and scoring its renders on demand. */
export function scoringHandlers(
  { store, requireProject }: ServiceContext,
  { runner, library }: { runner: ScoringRunner; library: Pick<ModelLibrary, 'scoringModels'> },
): Pick<Handlers, 'story.scores' | 'scores.compute' | 'scores.cancel'> {
  return {
    'story.scores': ({ projectId }) =>
      store.read(() => {
        requireProject(projectId);
        const current = store.frames.listByProject(projectId).flatMap((f) => (f.currentRenderId ? [{ frameId: f.id, renderId: f.currentRenderId }] : []));
        const stored = store.renderScores.getMany(current.map((c) => c.renderId));
        return storyConsistency(current, stored, library.scoringModels(), runner.status(projectId));
      }),
    'scores.compute': ({ projectId }) => {
      requireProject(projectId);
      return runner.request(projectId);
    },
    'scores.cancel': ({ projectId }) => {
      requireProject(projectId);
      return runner.cancel(projectId);
    },
  };
}
