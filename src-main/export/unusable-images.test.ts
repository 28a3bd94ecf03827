// A render whose stored image is unusable (an image bomb, another size than the render's, not a PNG) is
// exported as a placeholder with a warning in every format, never a failed export.
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/index.ts';
import { useTempDir } from '../store/temp-dir.testing.ts';
import { exportStory } from './export-story.ts';
import { pngBomb } from './png-bomb.testing.ts';
import { addTestStory, planWithToyTokenizer, syntheticPng } from './test-story.testing.ts';

describe('exports with unusable render images', () => {
  const dir = useTempDir();
  let store: Store;
  let bomb: Buffer;
  beforeAll(async () => {
    bomb = await pngBomb(16000);
  });
  beforeEach(() => {
    store = openStore(join(dir(), 'library.sqlite'));
  });
  afterEach(() => store.close());

  /** A 96 × 64 story of three frames whose images are replaced as given (undefined: left as rendered). */
  async function story(images: (Buffer | undefined)[]): Promise<string> {
    const { project, frames } = await addTestStory(store, { width: 96, height: 64, frames: images.map((_, j) => ({ prompt: `p${j}` })) });
    images.forEach((png, j) => {
      if (png) store.db.prepare('UPDATE renders SET png = ? WHERE id = ?').run(png, frames[j].currentRenderId);
    });
    return project.id;
  }

  it('puts a placeholder where each bad image was, says why, and keeps the good ones', async () => {
    const jpeg = await sharp(await syntheticPng(1, 96, 64)).jpeg().toBuffer();
    const projectId = await story([bomb, await syntheticPng(2, 20, 20), undefined, jpeg, Buffer.from('not an image at all')]);
    const expected = [
      'Frame 1: its image is 16000 × 16000, larger than 4096 pixels a side; a placeholder stands in for it.',
      'Frame 2: its image is 20 × 20, but the render says 96 × 64; a placeholder stands in for it.',
      'Frame 4: its image is jpeg, not PNG; a placeholder stands in for it.',
      'Frame 5: its image is not a picture Onestory can read; a placeholder stands in for it.',
    ];
    for (const format of ['pdf', 'gif', 'strip', 'zip'] as const) {
      const started = performance.now();
      const result = await exportStory(store, projectId, { format, onProblems: 'fail' }, join(dir(), `story.${format}`), { planStory: planWithToyTokenizer });
      expect(performance.now() - started, format).toBeLessThan(5000);
      expect(result.warnings.filter((w) => w.startsWith('Frame ')), format).toEqual(expected);
      expect(result.problems).toEqual([]);
    }
    // The strip holds five 96 × 64 panels: the placeholders took the render's size, not the bomb's.
    const strip = await sharp(join(dir(), 'story.strip')).metadata();
    expect([strip.width, strip.height]).toEqual([5 * 96, 64]);
  });

  it('exports a 20000² image bomb as a placeholder instead of failing in the decoder', async () => {
    const projectId = await story([await pngBomb(20000), undefined]);
    for (const format of ['pdf', 'gif'] as const) {
      const result = await exportStory(store, projectId, { format, onProblems: 'fail' }, join(dir(), `big.${format}`), { planStory: planWithToyTokenizer });
      expect(result.warnings).toContain('Frame 1: its image is 20000 × 20000, larger than 4096 pixels a side; a placeholder stands in for it.');
    }
  });
});
