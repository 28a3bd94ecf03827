// The animatic: every frame's image in story order, each shown for its duration.
import sharp from 'sharp';
import { GIF_WIDTH } from '../../src-shared/domain/export.ts';
import type { FrameImage } from './frame-images.ts';
import type { Step } from './progress.ts';

export interface GifOptions {
  /** in pixels; the height follows the first frame's aspect ratio (default 512) */
  width?: number;
  /** play forever (default) or once */
  loop?: boolean;
}

/**
 * libimagequant's speed/quality trade-off (sharp's effort, 1–10). Per-frame palettes with Floyd–Steinberg
 * dithering look good at 3, which costs no more than 1; sharp's default 7 took 31 s instead of 4 s for 50 grainy
 * 512² frames on 2 cores (scripts/bench/export.ts) for a barely visible gain.
 */
const QUANTISE_EFFORT = 3;
/** Letterbox colour for a frame whose aspect ratio differs from the first one's. */
const BACKGROUND = { r: 0, g: 0, b: 0 };
/** sharp's (and so the file's) longest delay per GIF frame; longer frames are shown as several identical ones. */
const MAX_DELAY_MS = 65_530;

/** `step` after each frame is scaled; the palette search over all of them is one call at the end. */
export async function encodeStoryGif(images: readonly FrameImage[], durationsMs: readonly number[], options: GifOptions = {}, step: Step = () => {}): Promise<Buffer> {
  const { width = GIF_WIDTH.default, loop = true } = options;
  if (!Number.isInteger(width) || width < GIF_WIDTH.min || width > GIF_WIDTH.max) {
    throw new RangeError(`The GIF width must be a whole number of pixels from ${GIF_WIDTH.min} to ${GIF_WIDTH.max}, got ${width}`);
  }
  const height = Math.max(1, Math.round((width * images[0].height) / images[0].width));
  const pixels = await Promise.all(
    images.map(async (image) => {
      const frame = await sharp(image.png).resize(width, height, { fit: 'contain', background: BACKGROUND }).removeAlpha().raw().toBuffer();
      step();
      return frame;
    }),
  );
  const pages: Buffer[] = [];
  const delay: number[] = [];
  pixels.forEach((frame, i) => {
    for (const ms of splitDelay(durationsMs[i])) {
      pages.push(frame);
      delay.push(ms);
    }
  });
  return sharp(Buffer.concat(pages), { raw: { width, height: height * pages.length, channels: 3, pageHeight: height } })
    .gif({ delay, loop: loop ? 0 : 1, effort: QUANTISE_EFFORT, keepDuplicateFrames: true })
    .toBuffer();
}

/** GIF delays count hundredths of a second: round to those, and split what is longer than one frame can hold. */
function splitDelay(durationMs: number): number[] {
  const parts = Math.ceil(durationMs / MAX_DELAY_MS);
  const each = Math.max(10, Math.round(durationMs / parts / 10) * 10);
  return Array.from({ length: parts }, () => each);
}
