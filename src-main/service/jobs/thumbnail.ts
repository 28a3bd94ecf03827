import sharp from 'sharp';

/** Grid thumbnails: this wide at most (never enlarged), PNG like the renders themselves. */
export const THUMBNAIL_WIDTH = 256;

export function makeThumbnail(png: Buffer): Promise<Buffer> {
  return sharp(png).resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true }).png().toBuffer();
}
