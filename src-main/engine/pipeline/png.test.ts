import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encodeRgbPng, vaeImageToRgb } from './png.ts';

describe('vaeImageToRgb', () => {
  it('maps [−1, 1] planes to interleaved RGB as diffusers does: clamped, ×255, rounded half to even', () => {
    // −0.49411759 and −0.48627445 land exactly on 64.5 and 65.5 in float32; 0 on 127.5
    const planes = Float32Array.of(0, -0.4941175878047943, -0.48627445101737976, 2, -3, Number.NaN);
    expect([...vaeImageToRgb(planes, 2, 1)]).toEqual([128, 66, 0, 64, 255, 0]);
  });
});

describe('encodeRgbPng', () => {
  it('writes the same bytes for the same pixels', async () => {
    const rgb = Uint8Array.from({ length: 4 * 3 * 3 }, (_, i) => (i * 37) % 256);
    const png = await encodeRgbPng(rgb, 4, 3);
    expect(Buffer.compare(png, await encodeRgbPng(rgb, 4, 3))).toBe(0);
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect(info).toMatchObject({ width: 4, height: 3, channels: 3 });
    expect([...data]).toEqual([...rgb]);
  });
});
