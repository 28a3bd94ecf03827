// Whether a render's stored bytes are a picture Onestory can safely decode: read from the PNG header alone
// (sharp's metadata never decodes pixels), so a small file claiming 16000 × 16000 pixels costs nothing to refuse.
import sharp, { type Metadata } from 'sharp';
import { RENDER_SIDE_MAX } from '../../src-shared/domain/index.ts';

/** A render of RENDER_SIDE_MAX² RGBA pixels stored uncompressed is 64 MiB; no real PNG of one is larger. */
export const RENDER_PNG_MAX_BYTES = 64 * 1024 * 1024;

/** Why these bytes are no usable render of width × height, in words for the user; null when they are one. */
export async function renderPngProblem(png: Buffer, { width, height }: { width: number; height: number }): Promise<string | null> {
  if (png.byteLength > RENDER_PNG_MAX_BYTES) return `its image is ${png.byteLength} bytes, more than the ${RENDER_PNG_MAX_BYTES} a render can be`;
  let meta: Metadata;
  try {
    // No pixel limit for the header alone, so that the refusal can say how large the image claims to be.
    meta = await sharp(png, { limitInputPixels: false }).metadata();
  } catch {
    return 'its image is not a picture Onestory can read';
  }
  if (meta.format !== 'png') return `its image is ${meta.format ?? 'of an unknown format'}, not PNG`;
  if (meta.width > RENDER_SIDE_MAX || meta.height > RENDER_SIDE_MAX) {
    return `its image is ${meta.width} × ${meta.height}, larger than ${RENDER_SIDE_MAX} pixels a side`;
  }
  if (meta.width !== width || meta.height !== height) return `its image is ${meta.width} × ${meta.height}, but the render says ${width} × ${height}`;
  return null;
}
