import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureScoringFixtures } from '../../../scripts/fixtures/ensure.ts';
import type { ScoringFixturePaths } from '../../../scripts/fixtures/scoring-models.ts';
import { describeWithShared } from '../../../test-support/shared.ts';
import { cosine, meanPairwiseCosine, similarityToOthers } from './embeddings.ts';
import { loadScoringModel, type ClipModel } from './load-scoring-model.ts';

/** Distinct test images of different sizes (the preprocessing resizes and crops them). */
async function images(): Promise<Buffer[]> {
  const make = (width: number, height: number, seed: number) => {
    const raw = Buffer.alloc(width * height * 3);
    for (let i = 0; i < raw.length; i++) raw[i] = (i * seed * 31 + ((i * 7) % (seed + 5)) * 40) % 256;
    return sharp(raw, { raw: { width, height, channels: 3 } }).png().toBuffer();
  };
  return Promise.all([make(64, 64, 1), make(80, 48, 2), make(40, 70, 3)]);
}

describeWithShared('scoring models', () => {
  let paths: ScoringFixturePaths;
  let pictures: Buffer[];
  let single: ClipModel;
  let split: ClipModel;
  let scratch: string;
  beforeAll(async () => {
    paths = await ensureScoringFixtures();
    pictures = await images();
    scratch = mkdtempSync(join(tmpdir(), 'onestory-scoring-'));
    const [a, b] = await Promise.all([loadScoringModel(paths.clipSingle), loadScoringModel(paths.clipSplit)]);
    if (a.kind !== 'clip' || b.kind !== 'clip') throw new Error('fixtures are CLIP');
    single = a;
    split = b;
  });
  afterAll(async () => {
    await single.release();
    await split.release();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('loads both CLIP layouts, which give the same cosines (same weights)', async () => {
    expect(single.folder.layout).toBe('single');
    expect(split.folder.layout).toBe('split');
    const texts = ['a red fox', 'a cat in the rain, watercolor'];
    const [si, st, pi, pt] = await Promise.all([single.embedImages(pictures), single.embedTexts(texts), split.embedImages(pictures), split.embedTexts(texts)]);
    expect(si).toHaveLength(3);
    expect(st).toHaveLength(2);
    for (const i of [0, 1, 2]) for (const t of [0, 1]) expect(cosine(si[i], st[t])).toBeCloseTo(cosine(pi[i], pt[t]), 5);
    expect(cosine(si[0], si[1])).toBeCloseTo(cosine(pi[0], pi[1]), 5);
    // different texts and images do embed differently
    expect(cosine(st[0], st[1])).toBeLessThan(0.9999);
    expect(cosine(si[0], si[2])).toBeLessThan(0.9999);
  });

  it('scores are symmetric, in range and deterministic', async () => {
    const first = await single.embedImages(pictures);
    const again = await single.embedImages(pictures);
    expect(again).toEqual(first);
    for (const a of first) {
      for (const b of first) {
        expect(cosine(a, b)).toBe(cosine(b, a));
        expect(Math.abs(cosine(a, b))).toBeLessThanOrEqual(1);
      }
      expect(cosine(a, a)).toBeCloseTo(1, 6);
    }
    const mean = meanPairwiseCosine(first)!;
    const others = similarityToOthers(first);
    // each pair counted once in the mean, twice across the per-frame means
    expect(others.reduce((s, v) => s! + v!, 0)! / others.length).toBeCloseTo(mean, 10);
    expect(meanPairwiseCosine(first.slice(0, 1))).toBeNull();
  });

  it('loads DINOv2 from onnx/model.onnx and embeds its pooled class token', async () => {
    const dino = await loadScoringModel(paths.dinov2);
    try {
      if (dino.kind !== 'dinov2') throw new Error('the fixture is DINOv2');
      const embeds = await dino.embedImages(pictures);
      expect(embeds.map((e) => e.length)).toEqual([32, 32, 32]);
      expect(cosine(embeds[0], embeds[1])).toBeLessThan(0.9999);
    } finally {
      await dino.release();
    }
  });

  it('stops between batches when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(single.embedImages(pictures, controller.signal)).rejects.toThrow(/abort/i);
  });

  it('names what is missing in a folder that is not a scoring model', async () => {
    const dir = join(scratch, 'no-preprocessor');
    cpSync(paths.clipSplit, dir, { recursive: true });
    rmSync(join(dir, 'preprocessor_config.json'));
    await expect(loadScoringModel(dir)).rejects.toThrow(/preprocessor_config\.json: missing/);
    await expect(loadScoringModel(scratch)).rejects.toThrow(/config\.json: missing/);
  });
});
