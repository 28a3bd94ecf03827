import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { parsePreprocessing } from './preprocessor-config.ts';
import { preprocessImage, resizedSize } from './preprocess-image.ts';

// Made by testdata/make-preprocess-reference.py with Pillow and numpy, as transformers' image processors do it.
interface ReferenceCase {
  name: string;
  width: number;
  height: number;
  shortest: number;
  crop: number;
  resample: number;
  mean: number[];
  std: number[];
  shape: number[];
  float32_base64: string;
}
const reference = JSON.parse(readFileSync(join(import.meta.dirname, 'testdata', 'preprocess-reference.json'), 'utf8')) as { cases: ReferenceCase[] };

/** The reference script's pattern. */
function pattern(width: number, height: number): Buffer {
  const out = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) for (let c = 0; c < 3; c++) out[(y * width + x) * 3 + c] = (x * x * 3 + y * 7 + c * 85 + ((x * y) % 13) * 11) % 256;
  return out;
}

describe('image preprocessing', () => {
  it.each(reference.cases)('equals Pillow + numpy to 1e-5: $name', async (c) => {
    const png = await sharp(pattern(c.width, c.height), { raw: { width: c.width, height: c.height, channels: 3 } }).png().toBuffer();
    const steps = parsePreprocessing({ size: { shortest_edge: c.shortest }, crop_size: { height: c.crop, width: c.crop }, resample: c.resample, image_mean: c.mean, image_std: c.std }, 'test');
    const ours = await preprocessImage(png, steps);
    const bytes = Buffer.from(c.float32_base64, 'base64');
    const expected = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    expect([3, ours.height, ours.width]).toEqual(c.shape);
    let worst = 0;
    for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(ours.data[i] - expected[i]));
    expect(worst).toBeLessThanOrEqual(1e-5);
  });

  it('resizes the shortest side and truncates the other, as transformers does', () => {
    expect(resizedSize(640, 480, { shortestEdge: 224 })).toEqual({ width: 298, height: 224 });
    expect(resizedSize(480, 641, { shortestEdge: 224 })).toEqual({ width: 224, height: 299 });
  });

  it('reads old configs (plain sizes) and refuses ones it cannot follow', () => {
    expect(parsePreprocessing({ size: 224, crop_size: 224 }, 'p')).toMatchObject({ resize: { shortestEdge: 224 }, crop: { height: 224, width: 224 }, resample: 3 });
    expect(() => parsePreprocessing({ size: 224, crop_size: 224, resample: 0 }, 'p')).toThrow(/resample 0 is not supported/);
    expect(() => parsePreprocessing({ do_center_crop: true, size: 224 }, 'p')).toThrow(/crop_size/);
    // RMBG-1.4's config (no do_center_crop, no crop_size): refused for CLIP, whose processor crops by default; a plain
    // resize to the fixed size for a background remover
    const rmbg = { size: { width: 1024, height: 1024 }, resample: 2, image_mean: [0.5, 0.5, 0.5], image_std: [1, 1, 1] };
    expect(() => parsePreprocessing(rmbg, 'p')).toThrow(/crop_size/);
    expect(parsePreprocessing(rmbg, 'p', { centerCropByDefault: false })).toMatchObject({ resize: { height: 1024, width: 1024 }, crop: null, resample: 2, sizeDivisibility: null });
    // MODNet's: the shortest side to 512, both sides then down to a multiple of 32
    const modnet = parsePreprocessing({ size: { shortest_edge: 512 }, size_divisibility: 32, resample: 2 }, 'p', { centerCropByDefault: false });
    expect(resizedSize(1024, 576, modnet.resize!, modnet.sizeDivisibility)).toEqual({ width: 896, height: 512 });
    expect(resizedSize(20, 1000, { height: 20, width: 50 }, 32)).toEqual({ width: 32, height: 32 });
  });
});
