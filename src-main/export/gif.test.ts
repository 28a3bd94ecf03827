// Read back with omggif, a GIF decoder independent of sharp/libvips/cgif.
import { join } from 'node:path';
import { GifReader } from 'omggif';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/index.ts';
import { useTempDir } from '../store/temp-dir.testing.ts';
import { frameImages, type FrameImage } from './frame-images.ts';
import { encodeStoryGif } from './gif.ts';
import { loadStorySnapshot } from './snapshot.ts';
import { addTestStory, planWithToyTokenizer, syntheticPng } from './test-story.testing.ts';

function read(gif: Buffer) {
  const reader = new GifReader(gif);
  const frames = Array.from({ length: reader.numFrames() }, (_, i) => reader.frameInfo(i));
  return { width: reader.width, height: reader.height, delays: frames.map((f) => f.delay), loopCount: reader.loopCount(), reader };
}

describe('animated GIF', () => {
  const dir = useTempDir();
  let store: Store;
  beforeEach(() => {
    store = openStore(join(dir(), 'library.sqlite'));
  });
  afterEach(() => store.close());

  async function storyImages(durations: number[]): Promise<FrameImage[]> {
    const { project } = await addTestStory(store, { width: 128, height: 96, frames: durations.map((durationMs, j) => ({ prompt: `p${j}`, durationMs })) });
    return frameImages(await loadStorySnapshot(store, project.id, { planStory: planWithToyTokenizer }));
  }

  it('shows every frame in story order for its duration, looping, at the chosen width', async () => {
    const durations = [1000, 2500, 500, 1230];
    const gif = read(await encodeStoryGif(await storyImages(durations), durations, { width: 200 }));
    expect(gif.width).toBe(200);
    expect(gif.height).toBe(150); // the frames' 4:3
    expect(gif.delays).toEqual([100, 250, 50, 123]); // hundredths of a second
    expect(gif.loopCount).toBe(0); // NETSCAPE2.0 loop count 0: forever
  });

  it('plays once without a loop extension when looping is off', async () => {
    const gif = read(await encodeStoryGif(await storyImages([1000, 1000]), [1000, 1000], { loop: false }));
    expect(gif.loopCount).toBeNull();
    expect(gif.delays).toHaveLength(2);
  });

  it('keeps identical neighbouring frames as frames of their own', async () => {
    const png = await syntheticPng(1, 64, 64);
    const image = { png, width: 64, height: 64 };
    const gif = read(await encodeStoryGif([image, image, image], [300, 400, 500], { width: 64 }));
    expect(gif.delays).toEqual([30, 40, 50]);
  });

  it('splits a frame longer than one GIF delay can hold into equal parts', async () => {
    const gif = read(await encodeStoryGif(await storyImages([70_000, 1000]), [70_000, 1000], { width: 32 }));
    expect(gif.delays).toEqual([3500, 3500, 100]);
  });

  it('keeps colours close to the source after quantisation', async () => {
    const images = await storyImages([1000]);
    const gif = read(await encodeStoryGif(images, [1000], { width: 128 }));
    const decoded = new Uint8Array(128 * 96 * 4);
    gif.reader.decodeAndBlitFrameRGBA(0, decoded);
    const source = await sharp(images[0].png).raw().toBuffer();
    let error = 0;
    for (let p = 0; p < 128 * 96; p++) for (let c = 0; c < 3; c++) error += Math.abs(decoded[p * 4 + c] - source[p * 3 + c]);
    expect(error / (128 * 96 * 3)).toBeLessThan(6); // mean absolute error per channel, of 255
  });

  it('refuses a width out of range', async () => {
    await expect(encodeStoryGif(await storyImages([1000]), [1000], { width: 8 })).rejects.toThrow('from 16 to 4096');
  });
});
