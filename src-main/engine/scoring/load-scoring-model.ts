// A scoring model ready to use: CLIP (images and texts, either Hub layout), DINOv2 (images) or a background remover.
import type * as ort from 'onnxruntime-node';
import { loadHfClipTokenizer } from '../tokenizer/index.ts';
import { loadBackgroundRemover, type BackgroundRemover } from './background-removal.ts';
import { rows } from './embeddings.ts';
import { preprocessImage, type ImageInput, type PixelValues } from './preprocess-image.ts';
import type { ImagePreprocessing } from './preprocessor-config.ts';
import { inspectScoringFolder, type ScoringFolder } from './scoring-folder.ts';
import { createScoringSession, floatOutput, idsType, pixelBatch, textBatch } from './scoring-sessions.ts';

interface Embedder {
  readonly folder: ScoringFolder;
  /** one embedding per image (the projection for CLIP, the pooled class token for DINOv2) */
  embedImages(images: readonly ImageInput[], signal?: AbortSignal): Promise<Float32Array[]>;
  release(): Promise<void>;
}
export interface ClipModel extends Embedder {
  readonly kind: 'clip';
  embedTexts(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]>;
}
export interface DinoModel extends Embedder {
  readonly kind: 'dinov2';
}
export type ScoringModel = ClipModel | DinoModel | BackgroundRemover;

/** Images per session run: bounds memory at ViT-L sizes. */
const IMAGE_BATCH = 8;

export async function loadScoringModel(dir: string, options: { threads?: number } = {}): Promise<ScoringModel> {
  const folder = await inspectScoringFolder(dir);
  const steps = folder.preprocessing;
  if (folder.kind === 'segmentation') return loadBackgroundRemover(folder, options.threads);
  if (folder.kind === 'dinov2') {
    const session = await createScoringSession(folder.model, options.threads);
    const embed = async (pixels: PixelValues[]) => {
      const outputs = await session.run({ pixel_values: pixelBatch(pixels) });
      if ('pooler_output' in outputs) return rows(floatOutput(outputs, 'pooler_output', folder.model).data as Float32Array, pixels.length);
      // exports without the pooled output: the class token is row 0 of last_hidden_state
      const last = floatOutput(outputs, 'last_hidden_state', folder.model);
      return rows(last.data as Float32Array, pixels.length).map((r) => r.slice(0, last.dims[2]));
    };
    return { kind: 'dinov2', folder, embedImages: (images, signal) => inBatches(images, steps, embed, signal), release: () => session.release() };
  }
  const tokenizer = await loadHfClipTokenizer(folder.tokenizerDir ?? folder.dir);
  if (folder.layout === 'split') {
    const text = await createScoringSession(folder.text, options.threads);
    const vision = await createScoringSession(folder.vision, options.threads);
    return {
      kind: 'clip',
      folder,
      embedImages: (images, signal) =>
        inBatches(images, steps, async (pixels) => rows(floatOutput(await vision.run({ pixel_values: pixelBatch(pixels) }), 'image_embeds', folder.vision).data as Float32Array, pixels.length), signal),
      embedTexts: async (texts, signal) => {
        signal?.throwIfAborted();
        const batch = textBatch(tokenizer, texts, idsType(text));
        const feeds = text.inputNames.includes('attention_mask') ? batch : { input_ids: batch.input_ids };
        return rows(floatOutput(await text.run(feeds), 'text_embeds', folder.text).data as Float32Array, texts.length);
      },
      release: async () => {
        await text.release();
        await vision.release();
      },
    };
  }
  // optimum's single graph takes texts and images together: the half not asked for gets a stand-in of one.
  const session = await createScoringSession(folder.model, options.threads);
  const run = async (texts: readonly string[], pixels: PixelValues[]) => {
    const batch = textBatch(tokenizer, texts, idsType(session));
    const feeds: Record<string, ort.Tensor> = { input_ids: batch.input_ids, pixel_values: pixelBatch(pixels) };
    if (session.inputNames.includes('attention_mask')) feeds.attention_mask = batch.attention_mask;
    return session.run(feeds);
  };
  return {
    kind: 'clip',
    folder,
    embedImages: (images, signal) =>
      inBatches(images, steps, async (pixels) => rows(floatOutput(await run([''], pixels), 'image_embeds', folder.model).data as Float32Array, pixels.length), signal),
    embedTexts: async (texts, signal) => {
      signal?.throwIfAborted();
      return rows(floatOutput(await run(texts, [blankImage(steps, folder)]), 'text_embeds', folder.model).data as Float32Array, texts.length);
    },
    release: () => session.release(),
  };
}

async function inBatches(images: readonly ImageInput[], steps: ImagePreprocessing, embed: (pixels: PixelValues[]) => Promise<Float32Array[]>, signal?: AbortSignal): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (let start = 0; start < images.length; start += IMAGE_BATCH) {
    signal?.throwIfAborted();
    const pixels = await Promise.all(images.slice(start, start + IMAGE_BATCH).map((image) => preprocessImage(image, steps)));
    out.push(...(await embed(pixels)));
  }
  return out;
}

function blankImage(steps: ImagePreprocessing, folder: ScoringFolder): PixelValues {
  const size = steps.crop ?? (steps.resize && !('shortestEdge' in steps.resize) ? steps.resize : null);
  if (!size) throw new Error(`${folder.preprocessorConfig}: gives no fixed image size (crop_size), which the single CLIP graph needs`);
  return { data: new Float32Array(3 * size.height * size.width), height: size.height, width: size.width };
}
