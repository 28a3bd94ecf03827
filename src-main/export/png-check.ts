// Whether a render's stored bytes are a picture Onestory can safely decode: read from the PNG header alone
// (sharp's metadata never decodes pixels), so a small file claiming 16000 × 16000 pixels costs nothing to refuse.
import sharp, { type Metadata } from 'sharp';
import { RENDER_SIDE_MAX } from '../../src-shared/domain/index.ts';

/** A render of RENDER_SIDE_MAX² RGBA pixels stored uncompressed is 64 MiB; no real PNG of one is larger. */
export const RENDER_PNG_MAX_BYTES = 64 * 1024 * 1024;

interface Size {
  width: number;
  height: number;
}

/** Why these bytes are no usable render of width × height, in words for the user; null when they are one. */
export async function renderPngProblem(png: Buffer, render: Size): Promise<string | null> {
  const size = await pngSize(png, 'its image');
  if (typeof size === 'string') return size;
  if (size.width !== render.width || size.height !== render.height) {
    return `its image is ${size.width} × ${size.height}, but the render says ${render.width} × ${render.height}`;
  }
  return null;
}

/** Why these bytes are no usable thumbnail of a render of that size: a thumbnail is never larger than its render. */
export async function thumbnailPngProblem(png: Buffer, render: Size): Promise<string | null> {
  const size = await pngSize(png, 'its thumbnail');
  if (typeof size === 'string') return size;
  if (size.width > render.width || size.height > render.height) {
    return `its thumbnail is ${size.width} × ${size.height}, larger than its ${render.width} × ${render.height} image`;
  }
  return null;
}

/** The PNG's size from its header, or why it is none Onestory decodes (`what` names the picture). */
async function pngSize(png: Buffer, what: string): Promise<Size | string> {
  if (png.byteLength > RENDER_PNG_MAX_BYTES) return `${what} is ${png.byteLength} bytes, more than the ${RENDER_PNG_MAX_BYTES} a render can be`;
  let meta: Metadata;
  try {
    // No pixel limit for the header alone, so that the refusal can say how large the image claims to be.
    meta = await sharp(png, { limitInputPixels: false }).metadata();
  } catch {
    return `${what} is not a picture Onestory can read`;
  }
  if (meta.format !== 'png') return `${what} is ${meta.format ?? 'of an unknown format'}, not PNG`;
  if (meta.width > RENDER_SIDE_MAX || meta.height > RENDER_SIDE_MAX) {
    return `${what} is ${meta.width} × ${meta.height}, larger than ${RENDER_SIDE_MAX} pixels a side`;
  }
  return { width: meta.width, height: meta.height };
}
