// Identity scores of renders from their stored embeddings: each render against the current variants of the story's
// other frames, so a variant reads as "how well would this fit if chosen". No model runs here.
import type { Render, RenderScores } from '../../src-shared/domain/index.ts';
import { cosine } from '../engine/scoring/embeddings.ts';
import type { StoredRenderScores } from '../store/render-scores-repo.ts';

const meanOrNull = (values: number[]) => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);

export function renderScores(own: StoredRenderScores, others: readonly StoredRenderScores[]): RenderScores {
  // identity compares like with like: the same CLIP, the same background remover (or none)
  const sameClip = others.filter((o) => o.clipModel === own.clipModel && o.segmentationModel === own.segmentationModel);
  const sameDino = own.dinoEmbedding ? sameClip.filter((o) => o.dinoModel === own.dinoModel && o.dinoEmbedding) : [];
  return {
    clipT: own.clipT,
    clipI: meanOrNull(sameClip.map((o) => cosine(own.clipEmbedding, o.clipEmbedding))),
    dino: own.dinoEmbedding ? meanOrNull(sameDino.map((o) => cosine(own.dinoEmbedding!, o.dinoEmbedding!))) : null,
    clipModel: own.clipModel,
    dinoModel: own.dinoModel,
    segmentationModel: own.segmentationModel,
  };
}

/**
 * `renders` (one frame's variants) with their scores, against `currentOfOthers` (the stored scores of the other
 * frames' current renders).
 */
export function withScores(renders: readonly Render[], stored: ReadonlyMap<string, StoredRenderScores>, currentOfOthers: readonly StoredRenderScores[]): Render[] {
  return renders.map((render) => {
    const own = stored.get(render.id);
    return own ? { ...render, scores: renderScores(own, currentOfOthers) } : render;
  });
}
