import { randomInt } from 'node:crypto';
import { ApiError } from '../../../src-shared/contract/index.ts';
import type { Frame } from '../../../src-shared/domain/index.ts';
import type { ServiceContext } from '../context.ts';
import type { Handlers } from '../handlers.ts';
import type { ModelLibrary } from '../models/model-library.ts';
import { planProjectStory } from '../../story/project-plan.ts';
import type { TokenizerCache } from '../../story/tokenizer-cache.ts';
import { resolveStoryModel } from '../story/story-model.ts';
import type { JobQueue } from './job-queue.ts';
import { chooseFrames, snapshotJob } from './job-snapshot.ts';

/** Fresh seeds stay within 32 bits, the range other Stable Diffusion tools show and accept. */
const newSeed = (): number => randomInt(0, 2 ** 32);

export function jobHandlers(
  ctx: ServiceContext,
  deps: { queue: JobQueue; library: ModelLibrary; tokenizers: TokenizerCache },
): Pick<Handlers, 'jobs.generate' | 'jobs.list' | 'jobs.cancel'> {
  const { store, now, requireProject, frameChanged } = ctx;
  const { queue, library, tokenizers } = deps;

  return {
    'jobs.generate': async ({ projectId, frameIds, seed = 'same' }) => {
      const { model, tokenizer, problem } = await resolveStoryModel(requireProject(projectId).modelId, library, tokenizers);
      if (!model || !tokenizer) throw new ApiError('invalid_input', problem ?? 'Choose a model for this story');

      // Planned, checked, seeded and snapshotted on one consistent view of the story.
      const { snapshot, reseeded } = store.write(() => {
        const project = requireProject(projectId);
        if (project.modelId !== model.id) throw new ApiError('conflict', "The story's model changed while the job was being queued; try again");
        let frames = store.frames.listByProject(projectId);
        const plan = planProjectStory(project, frames, tokenizer);
        if (plan.errors.length > 0) throw new ApiError('invalid_input', `The story cannot be generated: ${plan.errors.join('; ')}`);
        const chosen = chooseFrames(frames, frameIds);
        if (seed === 'new') frames = reseed(frames, chosen);
        return { snapshot: snapshotJob(project, frames, chosen, model, plan), reseeded: seed === 'new' };
      });
      if (reseeded) frameChanged(projectId);
      return queue.enqueue(snapshot);
    },

    'jobs.list': ({ projectId }) => queue.list(projectId),

    'jobs.cancel': ({ id }) => queue.cancel(id, 'Cancelled by you.'),
  };

  /** Gives the chosen frames fresh seeds as their overrides; returns the story with them. */
  function reseed(frames: Frame[], chosen: ReadonlySet<string>): Frame[] {
    const t = now();
    const next = frames.map((f) => (chosen.has(f.id) ? { ...f, seedOverride: newSeed(), updatedAt: t } : f));
    for (const frame of next) if (chosen.has(frame.id)) store.frames.update(frame);
    store.projects.touch(frames[0].projectId, t);
    return next;
  }
}
