// The story strip: every frame side by side in one PNG, at the first frame's height.
import sharp from 'sharp';
import type { FrameImage } from './frame-images.ts';

export async function encodeStoryStrip(images: readonly FrameImage[]): Promise<Buffer> {
  const height = images[0].height;
  const scaled = await Promise.all(
    images.map(async (image) => {
      if (image.height === height) return { png: image.png, width: image.width };
      const width = Math.max(1, Math.round((image.width * height) / image.height));
      return { png: await sharp(image.png).resize(width, height, { fit: 'fill' }).png().toBuffer(), width };
    }),
  );
  let left = 0;
  const placed = scaled.map(({ png, width }) => {
    const at = { input: png, top: 0, left };
    left += width;
    return at;
  });
  return sharp({ create: { width: left, height, channels: 3, background: '#ffffff' } })
    .composite(placed)
    .removeAlpha() // compositing adds an alpha channel the frames never had
    .png()
    .toBuffer();
}
