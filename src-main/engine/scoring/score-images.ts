// The figures scoring stores per image: CLIP-T from the whole picture against its text, and the identity embeddings
// (CLIP image, DINOv2) from the picture with its background removed when a background remover is given — the
// paper's protocol — else from the whole picture.
import type { BackgroundRemover } from './background-removal.ts';
import { cosine } from './embeddings.ts';
import type { ClipModel, DinoModel } from './load-scoring-model.ts';
import { toRgb, type ImageInput } from './preprocess-image.ts';

export interface ScoringModels {
  clip: ClipModel;
  dino?: DinoModel | null;
  background?: BackgroundRemover | null;
}

export interface ImageScores {
  /** 100 · cos(CLIP image, CLIP text), the whole picture */
  clipT: number;
  /** CLIP image embedding for identity scores */
  clip: Float32Array;
  /** DINOv2 embedding for identity scores (null without DINOv2) */
  dino: Float32Array | null;
}

export async function scoreImages(items: readonly { image: ImageInput; text: string }[], models: ScoringModels, signal?: AbortSignal): Promise<ImageScores[]> {
  if (items.length === 0) return [];
  const { clip, dino, background } = models;
  const images = await Promise.all(items.map((item) => toRgb(item.image)));
  const whole = await clip.embedImages(images, signal);
  const texts = await clip.embedTexts(items.map((item) => item.text), signal);
  const subjects = background ? await background.removeBackgrounds(images, signal) : images;
  const identity = background ? await clip.embedImages(subjects, signal) : whole;
  const dinoEmbeds = dino ? await dino.embedImages(subjects, signal) : null;
  signal?.throwIfAborted();
  return whole.map((embedding, i) => ({ clipT: 100 * cosine(embedding, texts[i]), clip: identity[i], dino: dinoEmbeds?.[i] ?? null }));
}
