// Comparing rendered frames as a person would: the largest difference in any channel of any pixel, in grey levels.
import sharp from 'sharp';

export async function maxGreyDifference(a: Uint8Array, b: Uint8Array): Promise<number> {
  const [x, y] = await Promise.all([a, b].map((png) => sharp(png).raw().toBuffer({ resolveWithObject: true })));
  if (x.info.width !== y.info.width || x.info.height !== y.info.height || x.data.length !== y.data.length) {
    throw new Error(`images differ in size: ${x.info.width}×${x.info.height} and ${y.info.width}×${y.info.height}`);
  }
  let worst = 0;
  for (let i = 0; i < x.data.length; i++) worst = Math.max(worst, Math.abs(x.data[i] - y.data[i]));
  return worst;
}
