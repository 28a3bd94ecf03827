// The raw frames: numbered PNGs and story.json in one ZIP.
import { zipSync, type Zippable } from 'fflate';
import type { FrameImage } from './frame-images.ts';
import { frameFileNames, storyManifest } from './manifest.ts';
import type { StorySnapshot } from './snapshot.ts';

export function encodeImageSequenceZip(snapshot: StorySnapshot, images: readonly FrameImage[], exportedAt: Date = new Date()): Uint8Array {
  const files = frameFileNames(images.length);
  const manifest = `${JSON.stringify(storyManifest(snapshot, files, exportedAt), null, 2)}\n`;
  const entries: Zippable = { 'story.json': [new TextEncoder().encode(manifest), { level: 9 }] };
  // PNGs are compressed already: stored as they are, which is fast and no larger.
  images.forEach((image, j) => (entries[files[j]] = [image.png, { level: 0 }]));
  return zipSync(entries, { mtime: exportedAt });
}
