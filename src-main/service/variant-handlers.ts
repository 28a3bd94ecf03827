import { ApiError } from '../../src-shared/contract/index.ts';
import type { Frame } from '../../src-shared/domain/index.ts';
import { withScores } from '../story/render-consistency.ts';
import { scoredWith } from '../story/story-consistency.ts';
import type { ServiceContext } from './context.ts';
import type { Handlers } from './handlers.ts';
import type { ModelLibrary } from './models/model-library.ts';

/**
 * A frame's renders (its variants) and which one it shows. Scores are given only where made with the library's
 * scoring models (its CLIP, its background remover or none), so variants are never ranked across protocols.
 */
export function variantHandlers(
  { store, now, requireFrame, frameChanged }: ServiceContext,
  { library }: { library: Pick<ModelLibrary, 'scoringModels'> },
): Pick<Handlers, 'frames.selectVariant' | 'renders.list'> {
  return {
    'frames.selectVariant': ({ frameId, renderId }) => {
      const updated = store.write(() => {
        const frame = requireFrame(frameId);
        const render = store.renders.get(renderId);
        if (!render) throw new ApiError('not_found', `Render ${renderId} not found`);
        if (render.frameId !== frameId) throw new ApiError('invalid_input', `Render ${renderId} is a variant of another frame`);
        const next: Frame = { ...frame, currentRenderId: renderId, updatedAt: now() };
        store.frames.setCurrentRender(frameId, renderId);
        store.frames.update(next);
        store.projects.touch(next.projectId, next.updatedAt);
        return next;
      });
      frameChanged(updated.projectId);
      return updated;
    },

    'renders.list': ({ frameId }) =>
      store.read(() => {
        const frame = requireFrame(frameId);
        const renders = store.renders.listByFrame(frameId);
        const others = store.renders.listCurrentByProject(frame.projectId).filter((r) => r.frameId !== frameId);
        const { clip, segmentation } = library.scoringModels();
        const all = store.renderScores.getMany([...renders, ...others].map((r) => r.id));
        const stored = new Map([...all].filter(([, scores]) => clip !== null && scoredWith(scores, clip, segmentation)));
        return withScores(renders, stored, others.flatMap((r) => stored.get(r.id) ?? []));
      }),
  };
}
