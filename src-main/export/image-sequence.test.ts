// The ZIP is read back with Info-ZIP's unzip (not fflate, which wrote it).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openStore, type Store } from '../store/index.ts';
import { useTempDir } from '../store/temp-dir.testing.ts';
import { describeWithTools, runTool, runToolBinary } from './decoders.testing.ts';
import { frameImages } from './frame-images.ts';
import { encodeImageSequenceZip } from './image-sequence.ts';
import { loadStorySnapshot } from './snapshot.ts';
import { encodeStoryStrip } from './strip.ts';
import { addTestStory, planWithToyTokenizer } from './test-story.testing.ts';

describeWithTools(['unzip'], 'image sequence ZIP and story strip', () => {
  const dir = useTempDir();
  let store: Store;
  beforeEach(() => {
    store = openStore(join(dir(), 'library.sqlite'));
  });
  afterEach(() => store.close());

  async function story() {
    const { project, frames } = await addTestStory(store, {
      name: '小猫 story',
      frames: [
        { prompt: 'wakes up', caption: '醒来', notes: 'slow', durationMs: 1500 },
        { prompt: 'plays', caption: 'Play', variants: 0 },
        { prompt: 'sleeps', caption: 'Sleep', durationMs: 3000, variants: 2 },
      ],
    });
    return { snapshot: await loadStorySnapshot(store, project.id, { planStory: planWithToyTokenizer }), project, frames };
  }

  it('holds numbered PNGs and a story.json manifest with prompts, captions, notes, durations and render parameters', async () => {
    const { snapshot, project, frames } = await story();
    const path = join(dir(), 'story.zip');
    writeFileSync(path, encodeImageSequenceZip(snapshot, await frameImages(snapshot), new Date('2025-03-04T05:06:07Z')));

    const names = runTool('unzip', ['-Z1', path]).trim().split('\n').sort();
    expect(names).toEqual(['frame-001.png', 'frame-002.png', 'frame-003.png', 'story.json']);
    runTool('unzip', ['-tq', path]); // CRCs check out

    // Frames that are up to date are the renders' own bytes.
    expect(runToolBinary('unzip', ['-p', path, 'frame-001.png'])).toEqual(store.renders.getPng(frames[0].currentRenderId!));
    expect(runToolBinary('unzip', ['-p', path, 'frame-003.png'])).toEqual(store.renders.getPng(frames[2].currentRenderId!));
    expect((await sharp(runToolBinary('unzip', ['-p', path, 'frame-002.png'])).metadata()).width).toBe(96); // placeholder

    const manifest = JSON.parse(runTool('unzip', ['-p', path, 'story.json']));
    expect(manifest).toMatchObject({
      format: 'onestory-image-sequence',
      version: 3,
      exportedAt: '2025-03-04T05:06:07.000Z',
      project: { id: project.id, name: '小猫 story', identityPrompt: project.identityPrompt, currentSettings: project.settings },
    });
    expect(manifest.frames.map((f: { file: string; prompt: string; caption: string; notes: string; durationMs: number; state: string }) => [f.file, f.prompt, f.caption, f.notes, f.durationMs, f.state])).toEqual([
      ['frame-001.png', 'wakes up', '醒来', 'slow', 1500, 'ok'],
      ['frame-002.png', 'plays', 'Play', '', 1000, 'missing'],
      ['frame-003.png', 'sleeps', 'Sleep', '', 3000, 'ok'],
    ]);
    expect(manifest.frames[0].render.id).toBe(frames[0].currentRenderId);
    expect(manifest.frames[0].render.params).toEqual(store.renders.get(frames[0].currentRenderId!)!.params);
    expect(manifest.frames[1].render).toBeNull();
  });

  it('lays every frame side by side in one strip', async () => {
    const { snapshot } = await story();
    const images = await frameImages(snapshot);
    const strip = await encodeStoryStrip(images);
    const { width, height } = await sharp(strip).metadata();
    expect([width, height]).toEqual([3 * 96, 64]);
    // The third tile is frame 3's render, pixel for pixel.
    const tile = await sharp(strip).extract({ left: 2 * 96, top: 0, width: 96, height: 64 }).raw().toBuffer();
    expect(tile.equals(await sharp(images[2].png).raw().toBuffer())).toBe(true);
  });
});
