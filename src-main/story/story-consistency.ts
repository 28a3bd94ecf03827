// A story's consistency from the stored embeddings of its frames' current renders; no model runs here.
import type { FrameConsistency, ScoringStatus, StoryConsistency } from '../../src-shared/domain/index.ts';
import { meanPairwiseCosine, similarityToOthers } from '../engine/scoring/embeddings.ts';
import type { StoredRenderScores } from '../store/render-scores-repo.ts';

/**
 * How far below the other frames' similarity (CLIP-I) a frame must fall to be flagged as drifting. Cosines of CLIP
 * ViT-B/32 image embeddings of one character in different scenes sit around 0.8–0.9; a different face or outfit
 * costs several hundredths.
 */
export const DRIFT_MARGIN = 0.05;

export interface CurrentRender {
  frameId: string;
  renderId: string;
}

type Named = { id: string; name: string } | null;

/** Whether `scores` were made by these models: identity figures through different background removers do not mix. */
export function scoredWith(scores: StoredRenderScores | undefined, clip: { id: string }, segmentation: { id: string } | null): scores is StoredRenderScores {
  return scores?.clipModel === clip.id && scores.segmentationModel === (segmentation?.id ?? null);
}

/**
 * `current`: the story's frames that show a render, in story order; `stored`: the scores stored for them;
 * `clip`/`dino`/`segmentation`: the library's scoring models (id and name) — figures from other models are not mixed in.
 */
export function storyConsistency(
  current: readonly CurrentRender[],
  stored: ReadonlyMap<string, StoredRenderScores>,
  models: { clip: Named; dino: Named; segmentation: Named },
  status: ScoringStatus,
): StoryConsistency {
  const { clip, dino, segmentation } = models;
  const scored = clip
    ? current.flatMap((c) => {
        const scores = stored.get(c.renderId);
        return scoredWith(scores, clip, segmentation) ? [{ ...c, scores }] : [];
      })
    : [];
  const withDino = dino !== null && scored.length > 0 && scored.every((s) => s.scores.dinoModel === dino.id && s.scores.dinoEmbedding);
  const clipOthers = similarityToOthers(scored.map((s) => s.scores.clipEmbedding));
  const dinoOthers = withDino ? similarityToOthers(scored.map((s) => s.scores.dinoEmbedding!)) : scored.map(() => null);
  const drifting = driftingIndex(clipOthers);
  const frames: FrameConsistency[] = scored.map((s, i) => ({
    frameId: s.frameId,
    renderId: s.renderId,
    clipT: s.scores.clipT,
    clipI: clipOthers[i],
    dino: dinoOthers[i],
    drifting: i === drifting,
  }));
  return {
    clipI: meanPairwiseCosine(scored.map((s) => s.scores.clipEmbedding)),
    dino: withDino ? meanPairwiseCosine(scored.map((s) => s.scores.dinoEmbedding!)) : null,
    clipT: frames.length === 0 ? null : frames.reduce((sum, f) => sum + f.clipT, 0) / frames.length,
    clipModel: clip?.name ?? null,
    dinoModel: withDino ? dino.name : null,
    segmentationModel: scored.length > 0 ? (segmentation?.name ?? null) : null,
    frames,
    unscored: current.length - scored.length,
    status,
  };
}

/** The frame least similar to the others, when there are three or more and it falls DRIFT_MARGIN below their mean. */
export function driftingIndex(similarities: readonly (number | null)[]): number {
  const values = similarities.filter((v): v is number => v !== null);
  if (values.length < 3 || values.length !== similarities.length) return -1;
  const lowest = values.indexOf(Math.min(...values));
  const rest = values.filter((_, i) => i !== lowest);
  const restMean = rest.reduce((a, b) => a + b, 0) / rest.length;
  return values[lowest] < restMean - DRIFT_MARGIN ? lowest : -1;
}
