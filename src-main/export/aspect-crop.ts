// Exports show the story's aspect preset exactly: a render made at the preset's trained size, a little off the
// ratio (SDXL's 1536×640 for 2.39:1), is centre-cropped to it. Renders of another shape (made before the preset was
// chosen, and so out of date) are left whole rather than cut down to a shape they were not composed for.
import sharp from 'sharp';
import { aspectPreset, cropToRatio } from '../../src-shared/domain/aspect-presets.ts';
import type { StorySnapshot } from './snapshot.ts';

/** How far off the ratio a trained size may be (SDXL's 4:3 bucket, 1152×896, is 3.6% off). */
const NEARBY = 0.05;

/** The snapshot with each nearby-shaped render cropped to the preset's ratio (its render's size with it). */
export async function cropToStoryAspect(snapshot: StorySnapshot): Promise<StorySnapshot> {
  const id = snapshot.project.settings.aspect;
  if (id === null) return snapshot;
  const { ratio } = aspectPreset(id);
  const frames = await Promise.all(
    snapshot.frames.map(async (f) => {
      if (!f.render || !f.png) return f;
      const { width, height } = f.render;
      const crop = cropToRatio(width, height, ratio);
      if (!crop || Math.abs(width / height / ratio - 1) > NEARBY) return f;
      const png = await sharp(f.png).extract(crop).png().toBuffer();
      return { ...f, png, render: { ...f.render, width: crop.width, height: crop.height } };
    }),
  );
  return { ...snapshot, frames };
}
