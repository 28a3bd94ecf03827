// Exports show the story's aspect preset exactly: a render made at the preset's trained size, a little off the
// ratio (SDXL's 1536×640 for 2.39:1), is centre-cropped to it (presetCrop says which renders).
import sharp from 'sharp';
import { presetCrop } from '../../src-shared/domain/aspect-presets.ts';
import type { StorySnapshot } from './snapshot.ts';

/**
 * The snapshot with each render the preset crops cropped (its render's size with it); `pixels: false` changes the
 * sizes only (a layout needs no more).
 */
export async function cropToStoryAspect(snapshot: StorySnapshot, { pixels = true } = {}): Promise<StorySnapshot> {
  const { aspect } = snapshot.project.settings;
  if (aspect === null) return snapshot;
  const frames = await Promise.all(
    snapshot.frames.map(async (f) => {
      const crop = f.render && f.png && presetCrop(f.render.width, f.render.height, aspect);
      if (!crop || !f.render || !f.png) return f;
      const png = pixels ? await sharp(f.png).extract(crop).png().toBuffer() : f.png;
      return { ...f, png, render: { ...f.render, width: crop.width, height: crop.height } };
    }),
  );
  return { ...snapshot, frames };
}
