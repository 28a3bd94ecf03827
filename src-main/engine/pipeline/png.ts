// Images out of the VAE and into PNG files.
import sharp from 'sharp';

/** Interleaved 8-bit RGB → PNG bytes (deterministic: same pixels, same bytes). Previews ask for fast compression. */
export async function encodeRgbPng(rgb: Uint8Array, width: number, height: number, compressionLevel = 6): Promise<Uint8Array> {
  const png = await sharp(rgb, { raw: { width, height, channels: 3 } }).png({ compressionLevel }).toBuffer();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/**
 * One image of the VAE's output ([3, height, width] planes in about [−1, 1]) as interleaved RGB, as diffusers
 * converts it in float32: (x/2 + 0.5) clamped to [0, 1], ×255, rounded half to even (numpy's round).
 */
export function vaeImageToRgb(image: Float32Array, width: number, height: number): Uint8Array {
  const plane = width * height;
  // A clamped store clamps to [0, 255] (the same as clamping to [0, 1] before ×255) and rounds half to even.
  const rgb = new Uint8ClampedArray(plane * 3);
  for (let c = 0; c < 3; c++) {
    for (let p = 0, from = c * plane, to = c; p < plane; p++, from++, to += 3) {
      // x·0.5 is exact, so rounding the double sum once gives float32's x/2 + 0.5
      rgb[to] = Math.fround(Math.fround(image[from] * 0.5 + 0.5) * 255);
    }
  }
  return new Uint8Array(rgb.buffer);
}
