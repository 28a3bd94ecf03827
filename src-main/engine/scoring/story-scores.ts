// A story's consistency scores from its rendered frames: prompt alignment per frame (CLIP-T: 100 · cosine of the
// image and the identity prompt joined with the frame's own prompt, as the user wrote them), identity consistency
// (mean pairwise cosine of CLIP image embeddings — CLIP-I — and of DINOv2's class tokens) and, per frame, its mean
// similarity to the story's other frames, so the frame that drifts stands out. With a background remover, identity
// is measured on the pictures with their backgrounds removed (score-images.ts).
import { meanPairwiseCosine, similarityToOthers } from './embeddings.ts';
import type { ImageInput } from './preprocess-image.ts';
import { scoreImages, type ScoringModels } from './score-images.ts';

export interface ScoredFrame {
  image: ImageInput;
  identityPrompt: string;
  framePrompt: string;
}

export interface FrameScores {
  /** 100 · cos(CLIP image, CLIP text of "identity prompt, frame prompt") */
  clipT: number;
  /** mean CLIP image cosine to the other frames (null for a one-frame story) */
  clipI: number | null;
  /** mean DINOv2 cosine to the other frames (null without DINOv2 or for one frame) */
  dino: number | null;
}

export interface StoryScores {
  frames: FrameScores[];
  /** mean of the frames' clipT */
  clipT: number | null;
  /** mean pairwise CLIP image cosine */
  clipI: number | null;
  /** mean pairwise DINOv2 cosine */
  dino: number | null;
}

/** The text CLIP-T compares with: the identity prompt and the frame prompt joined as the story joins them. */
export function alignmentText(identityPrompt: string, framePrompt: string): string {
  return [identityPrompt.trim(), framePrompt.trim()].filter(Boolean).join(' ');
}

export async function scoreFrames(frames: readonly ScoredFrame[], models: ScoringModels, signal?: AbortSignal): Promise<StoryScores> {
  if (frames.length === 0) return { frames: [], clipT: null, clipI: null, dino: null };
  const scored = await scoreImages(frames.map((f) => ({ image: f.image, text: alignmentText(f.identityPrompt, f.framePrompt) })), models, signal);
  const imageEmbeds = scored.map((s) => s.clip);
  const dinoEmbeds = models.dino ? scored.map((s) => s.dino!) : null;
  const clipOthers = similarityToOthers(imageEmbeds);
  const dinoOthers = dinoEmbeds ? similarityToOthers(dinoEmbeds) : frames.map(() => null);
  const clipT = scored.map((s) => s.clipT);
  return {
    frames: frames.map((_, i) => ({ clipT: clipT[i], clipI: clipOthers[i], dino: dinoOthers[i] })),
    clipT: clipT.reduce((a, b) => a + b, 0) / clipT.length,
    clipI: meanPairwiseCosine(imageEmbeds),
    dino: dinoEmbeds ? meanPairwiseCosine(dinoEmbeds) : null,
  };
}
