// Background removal before identity scores, as the paper measures CLIP-I (ConsiStory's protocol): a background
// remover (RMBG-1.4, BiRefNet, MODNet exports) gives each picture a foreground mask, and the picture is composited
// over plain white, so two frames compare by their character, not by their scenery. CLIP-T keeps the whole picture.
import { readOnnxGraph } from '../graph/index.ts';
import type { OnnxGraph } from '../graph/index.ts';
import { pilResize, PIL_RESAMPLE } from './pil-resample.ts';
import { preprocessRgb, type RgbImage } from './preprocess-image.ts';
import { createScoringSession, floatOutput, pixelBatch } from './scoring-sessions.ts';
import type { ScoringFolder } from './scoring-folder.ts';
import type * as ort from 'onnxruntime-node';

export type SegmentationFolder = Extract<ScoringFolder, { kind: 'segmentation' }>;

/** The level a removed background gets. */
export const BACKGROUND_LEVEL = 255;

/** Ops a probability passes through unchanged in range; what ends a mask graph after its sigmoid. */
const PASS_THROUGH = new Set(['Identity', 'Cast', 'Reshape', 'Squeeze', 'Unsqueeze', 'Transpose', 'Slice', 'Resize', 'Upsample']);
const PROBABILITY = new Set(['Sigmoid', 'HardSigmoid']);

/**
 * Whether the graph's `output` is already a probability (its last computing op is a sigmoid, as in RMBG-1.4 and
 * MODNet) rather than logits (BiRefNet's exports leave the sigmoid to the caller).
 */
export function outputIsProbability(graph: OnnxGraph, output: string): boolean {
  const producers = new Map(graph.nodes.flatMap((node) => node.outputs.map((name) => [name, node] as const)));
  let node = producers.get(output);
  // at most one step per node: a malformed graph with a cycle must not hang the engine
  for (let steps = 0; node && PASS_THROUGH.has(node.opType) && steps < graph.nodes.length; steps++) node = producers.get(node.inputs[0]);
  return node !== undefined && PROBABILITY.has(node.opType);
}

/** `image` with everything the 8-bit `alpha` (one value per pixel, 255 = foreground) leaves out painted white. */
export function compositeOverBackground(image: RgbImage, alpha: Uint8Array): RgbImage {
  const count = image.width * image.height;
  if (alpha.length !== count) throw new Error(`mask of ${alpha.length} values for a ${image.width}×${image.height} image`);
  const pixels = new Uint8Array(count * 3);
  for (let p = 0; p < count; p++) {
    const a = alpha[p];
    for (let c = 0; c < 3; c++) pixels[p * 3 + c] = Math.round((a * image.pixels[p * 3 + c] + (255 - a) * BACKGROUND_LEVEL) / 255);
  }
  return { pixels, width: image.width, height: image.height };
}

/** A [1, h, w] mask (probabilities, or logits) → 8-bit alpha at the image's own size (bilinear, as transformers.js resizes it). */
export function maskToAlpha(mask: Float32Array, size: { width: number; height: number }, logits: boolean, image: { width: number; height: number }): Uint8Array {
  const small = new Uint8Array(mask.length);
  for (let i = 0; i < mask.length; i++) {
    const p = logits ? 1 / (1 + Math.exp(-mask[i])) : mask[i];
    small[i] = Math.round(255 * Math.min(1, Math.max(0, p)));
  }
  if (size.width === image.width && size.height === image.height) return small;
  return pilResize(small, { ...size, channels: 1 }, image.width, image.height, PIL_RESAMPLE.bilinear);
}

export interface BackgroundRemover {
  readonly kind: 'segmentation';
  readonly folder: SegmentationFolder;
  /** whether the graph gives logits, to which the sigmoid is applied here */
  readonly logits: boolean;
  /** each picture with its background painted white, at its own size */
  removeBackgrounds(images: readonly RgbImage[], signal?: AbortSignal): Promise<RgbImage[]>;
  release(): Promise<void>;
}

export async function loadBackgroundRemover(folder: SegmentationFolder, threads?: number): Promise<BackgroundRemover> {
  const steps = folder.preprocessing;
  const logits = !outputIsProbability(await readOnnxGraph(folder.model), folder.output);
  const session: ort.InferenceSession = await createScoringSession(folder.model, threads);
  return {
    kind: 'segmentation',
    folder,
    logits,
    async removeBackgrounds(images, signal) {
      const out: RgbImage[] = [];
      // one picture per run: a shortest-edge resize gives pictures of different shapes different input sizes
      for (const image of images) {
        signal?.throwIfAborted();
        const pixels = preprocessRgb(image, steps);
        const mask = floatOutput(await session.run({ [folder.input]: pixelBatch([pixels]) }), folder.output, folder.model);
        const [, channels, height, width] = mask.dims;
        if (channels !== 1) throw new Error(`${folder.model}: its mask "${folder.output}" has ${channels} channels; a background remover gives one`);
        out.push(compositeOverBackground(image, maskToAlpha(mask.data as Float32Array, { width, height }, logits, image)));
      }
      return out;
    },
    release: () => session.release(),
  };
}
