// The story as it is now, with its model as the library records it: what renders are judged against.
import type { Frame, Project } from '../../src-shared/domain/index.ts';
import type { StoryPlan } from '../engine/conditioning/index.ts';
import type { ModelsRepo } from '../store/models-repo.ts';
import type { StoryNow } from './staleness.ts';

/** The library's record of the model holds its defaults even while its folder is missing. */
export function storyNow(models: ModelsRepo, project: Project, frames: readonly Frame[], plan: StoryPlan | null): StoryNow {
  return {
    project,
    frames,
    plan,
    model: project.modelId === null ? undefined : models.get(project.modelId),
    modelName: (id) => models.get(id)?.name ?? id,
  };
}
