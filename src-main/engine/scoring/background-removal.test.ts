// Background removal before identity scores, on the fixture removers (RMBG-1.4's layout with a sigmoid in the graph,
// BiRefNet's with logits out) and the fixture CLIP: the mask's compositing, both output conventions, refusal of a
// graph that gives no mask, and what it does to the scores.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureScoringFixtures } from '../../../scripts/fixtures/ensure.ts';
import type { ScoringFixturePaths } from '../../../scripts/fixtures/scoring-models.ts';
import { describeWithShared } from '../../../test-support/shared.ts';
import type { OnnxGraph } from '../graph/index.ts';
import { compositeOverBackground, maskToAlpha, outputIsProbability, type BackgroundRemover } from './background-removal.ts';
import { cosine } from './embeddings.ts';
import { loadScoringModel, type ClipModel } from './load-scoring-model.ts';
import type { RgbImage } from './preprocess-image.ts';
import { inspectScoringFolder } from './scoring-folder.ts';
import { scoreImages } from './score-images.ts';

type Rgb = readonly [number, number, number];
const RED: Rgb = [220, 30, 20];

/** A `subject`-coloured square in the middle of a `background` picture. */
function picture(width: number, height: number, background: Rgb, subject: Rgb = RED): RgbImage {
  const pixels = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inside = Math.abs(x - width / 2) < width / 4 && Math.abs(y - height / 2) < height / 4;
      pixels.set(inside ? subject : background, (y * width + x) * 3);
    }
  }
  return { pixels, width, height };
}

const at = (image: RgbImage, x: number, y: number) => Array.from(image.pixels.subarray((y * image.width + x) * 3, (y * image.width + x) * 3 + 3));

describe('compositing over white', () => {
  it('keeps the foreground, paints the background white, blends the edge by the mask', () => {
    const image: RgbImage = { pixels: Uint8Array.from([10, 20, 30, 10, 20, 30, 10, 20, 30]), width: 3, height: 1 };
    const out = compositeOverBackground(image, Uint8Array.from([255, 0, 128]));
    expect(Array.from(out.pixels)).toEqual([10, 20, 30, 255, 255, 255, Math.round((128 * 10 + 127 * 255) / 255), Math.round((128 * 20 + 127 * 255) / 255), Math.round((128 * 30 + 127 * 255) / 255)]);
    expect(() => compositeOverBackground(image, new Uint8Array(2))).toThrow(/mask of 2 values/);
  });

  it('turns logits into probabilities, and the mask back to the picture’s size', () => {
    expect(Array.from(maskToAlpha(Float32Array.from([0, 1, 0.5, 2]), { width: 4, height: 1 }, false, { width: 4, height: 1 }))).toEqual([0, 255, 128, 255]);
    expect(Array.from(maskToAlpha(Float32Array.from([-20, 20, 0]), { width: 3, height: 1 }, true, { width: 3, height: 1 }))).toEqual([0, 255, 128]);
    expect(maskToAlpha(new Float32Array(4).fill(1), { width: 2, height: 2 }, false, { width: 5, height: 3 })).toEqual(new Uint8Array(15).fill(255));
  });
});

describe('reading whether a mask is a probability', () => {
  const graph = (...nodes: Array<[string, string, string]>): OnnxGraph => ({
    opsets: new Map([['', 17]]),
    nodes: nodes.map(([opType, input, output]) => ({ name: output, opType, domain: '', inputs: [input], outputs: [output], attributes: new Map() })),
    initializers: new Map(),
    inputs: [],
    outputs: [],
  });

  it('follows shape-only ops back to a sigmoid, and takes anything else for logits', () => {
    expect(outputIsProbability(graph(['Conv', 'x', 'l'], ['Sigmoid', 'l', 's'], ['Resize', 's', 'r'], ['Identity', 'r', 'out']), 'out')).toBe(true);
    expect(outputIsProbability(graph(['Conv', 'x', 'l'], ['Identity', 'l', 'out']), 'out')).toBe(false);
  });

  it('stops on a graph whose nodes feed each other in a circle, rather than hanging the engine', () => {
    expect(outputIsProbability(graph(['Identity', 'out', 'out']), 'out')).toBe(false);
    expect(outputIsProbability(graph(['Identity', 'b', 'a'], ['Identity', 'a', 'b'], ['Identity', 'b', 'out']), 'out')).toBe(false);
  });
});

describeWithShared('background removers', () => {
  let paths: ScoringFixturePaths;
  let probability: BackgroundRemover;
  let logits: BackgroundRemover;
  let clip: ClipModel;
  let scratch: string;
  beforeAll(async () => {
    paths = await ensureScoringFixtures();
    scratch = mkdtempSync(join(tmpdir(), 'onestory-remover-'));
    const [a, b, c] = await Promise.all([loadScoringModel(paths.segmentation), loadScoringModel(paths.segmentationLogits), loadScoringModel(paths.clipSplit)]);
    if (a.kind !== 'segmentation' || b.kind !== 'segmentation' || c.kind !== 'clip') throw new Error('unexpected fixture kinds');
    [probability, logits, clip] = [a, b, c];
  });
  afterAll(async () => {
    await Promise.all([probability.release(), logits.release(), clip.release()]);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('recognises both layouts by their graphs, and which of them gives logits', () => {
    expect(probability.folder).toMatchObject({ kind: 'segmentation', input: 'input', output: 'output' });
    expect(probability.folder.model).toMatch(/onnx[/\\]model\.onnx$/);
    expect(logits.folder).toMatchObject({ kind: 'segmentation', input: 'input_image', output: 'output_image' });
    expect([probability.logits, logits.logits]).toEqual([false, true]);
  });

  it('paints the background white at the picture’s own size, the same whichever convention the graph has', async () => {
    const image = picture(48, 40, [20, 40, 230]);
    const [a] = await probability.removeBackgrounds([image]);
    const [b] = await logits.removeBackgrounds([image]);
    expect(a).toMatchObject({ width: 48, height: 40 });
    expect(Array.from(b.pixels)).toEqual(Array.from(a.pixels));
    expect(at(a, 1, 1)).toEqual([255, 255, 255]);
    expect(at(a, 24, 20)).toEqual([...RED]);
  });

  it('scores the same character on different backgrounds as the same with removal; CLIP-T keeps the whole picture', async () => {
    const items = [picture(48, 48, [20, 40, 230]), picture(48, 48, [10, 220, 240])].map((image) => ({ image, text: 'a red square' }));
    const whole = await scoreImages(items, { clip });
    const removed = await scoreImages(items, { clip, background: probability });
    expect(cosine(whole[0].clip, whole[1].clip)).toBeLessThan(0.999);
    // alike but for the square's edge pixels, where the mask blends the two backgrounds
    expect(cosine(removed[0].clip, removed[1].clip)).toBeGreaterThan(0.9999);
    expect(removed.map((s) => s.clipT)).toEqual(whole.map((s) => s.clipT));
    // the identity embedding is CLIP's of the picture with its background removed
    const [subject] = await probability.removeBackgrounds([items[0].image]);
    expect(Array.from(removed[0].clip)).toEqual(Array.from((await clip.embedImages([subject]))[0]));
  });

  it('refuses, when the folder is inspected, a remover whose preprocessing crops (its mask would miss part of the frame)', async () => {
    const dir = join(scratch, 'cropping-remover');
    cpSync(paths.segmentation, dir, { recursive: true });
    writeFileSync(join(dir, 'preprocessor_config.json'), JSON.stringify({ size: { shortest_edge: 40 }, do_center_crop: true, crop_size: 32, resample: 2 }));
    await expect(inspectScoringFolder(dir)).rejects.toThrow(/crops the picture \(crop_size\), so its mask cannot cover the whole frame/);
  });

  it('refuses a folder whose graph gives no one-channel mask, saying what a remover must be', async () => {
    const dir = join(scratch, 'not-a-remover');
    cpSync(paths.dinov2, dir, { recursive: true });
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ model_type: 'vit' }));
    await expect(inspectScoringFolder(dir)).rejects.toThrow(/model_type "vit" is not a scoring model Onestory runs .*background remover: one image in, a one-channel mask out.*no \[batch, 1, height, width\] float32 mask/);
  });
});
