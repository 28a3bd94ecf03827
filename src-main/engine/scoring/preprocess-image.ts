// An image file → pixel_values [3, H, W], as transformers' image processor makes them from the same file: decoded by
// sharp (alpha dropped, as PIL's convert("RGB") does), resized with Pillow's arithmetic, centre-cropped, rescaled and
// normalised in float32.
import sharp from 'sharp';
import { pilResize } from './pil-resample.ts';
import type { ImagePreprocessing } from './preprocessor-config.ts';

export interface RgbImage {
  /** interleaved RGB, 8 bits */
  pixels: Uint8Array;
  width: number;
  height: number;
}

export interface PixelValues {
  /** CHW float32 */
  data: Float32Array;
  height: number;
  width: number;
}

export async function decodeRgb(input: string | Buffer): Promise<RgbImage> {
  const { data, info } = await sharp(input).toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`expected 3 colour channels after decoding, got ${info.channels}`);
  return { pixels: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}

/**
 * transformers' get_resize_output_image_size with default_to_square=False; then, with `divisibility`, both sides
 * rounded down to a multiple of it (at least one), as transformers.js enforces size_divisibility.
 */
export function resizedSize(width: number, height: number, resize: NonNullable<ImagePreprocessing['resize']>, divisibility: number | null = null): { width: number; height: number } {
  const size = 'shortestEdge' in resize ? shortestEdgeSize(width, height, resize.shortestEdge) : resize;
  if (divisibility === null) return size;
  const multiple = (side: number) => Math.max(Math.floor(side / divisibility), 1) * divisibility;
  return { width: multiple(size.width), height: multiple(size.height) };
}

function shortestEdgeSize(width: number, height: number, edge: number): { width: number; height: number } {
  const newLong = Math.trunc((edge * Math.max(width, height)) / Math.min(width, height));
  return width <= height ? { width: edge, height: newLong } : { width: newLong, height: edge };
}

/** transformers' center_crop offset: a larger crop pads the image with zeros around it. */
const cropStart = (size: number, crop: number) => (size >= crop ? Math.floor((size - crop) / 2) : -Math.floor((crop - size) / 2));

export function preprocessRgb(image: RgbImage, steps: ImagePreprocessing): PixelValues {
  let { pixels, width, height } = image;
  if (steps.resize) {
    const size = resizedSize(width, height, steps.resize, steps.sizeDivisibility);
    pixels = pilResize(pixels, { width, height, channels: 3 }, size.width, size.height, steps.resample);
    ({ width, height } = size);
  }
  const out = steps.crop ?? { height, width };
  const top = cropStart(height, out.height);
  const left = cropStart(width, out.width);
  const plane = out.height * out.width;
  const data = new Float32Array(3 * plane);
  const f = Math.fround;
  for (let c = 0; c < 3; c++) {
    const mean = steps.normalize ? f(steps.normalize.mean[c]) : 0;
    const std = steps.normalize ? f(steps.normalize.std[c]) : 1;
    for (let y = 0; y < out.height; y++) {
      for (let x = 0; x < out.width; x++) {
        const sy = y + top;
        const sx = x + left;
        const inside = sy >= 0 && sy < height && sx >= 0 && sx < width;
        const level = inside ? pixels[(sy * width + sx) * 3 + c] : 0;
        // rescale in float64 then to float32, normalise in float32: transformers' rescale and normalize
        let v = steps.rescale === null ? level : f(level * steps.rescale);
        if (steps.normalize) v = f(f(v - mean) / std);
        data[c * plane + y * out.width + x] = v;
      }
    }
  }
  return { data, height: out.height, width: out.width };
}

/** An image file (path or bytes), or pixels already decoded (a picture whose background was removed). */
export type ImageInput = string | Buffer | RgbImage;

const isRgb = (input: ImageInput): input is RgbImage => typeof input === 'object' && 'pixels' in input;

export async function toRgb(input: ImageInput): Promise<RgbImage> {
  return isRgb(input) ? input : decodeRgb(input);
}

export async function preprocessImage(input: ImageInput, steps: ImagePreprocessing): Promise<PixelValues> {
  return preprocessRgb(await toRgb(input), steps);
}
