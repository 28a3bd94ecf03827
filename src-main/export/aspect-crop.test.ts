// A story on the 2.39:1 preset renders at a trained size near it (1024×432 on SD 1.x) and exports at 2.39:1.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { GifReader } from 'omggif';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { presetSize } from '../../src-shared/domain/aspect-presets.ts';
import { openStore, type Store } from '../store/index.ts';
import { useTempDir } from '../store/temp-dir.testing.ts';
import { describeWithTools, runTool, runToolBinary } from './decoders.testing.ts';
import { encodeStory } from './export-story.ts';
import { loadStorySnapshot, type StorySnapshot } from './snapshot.ts';
import { addTestStory, planWithToyTokenizer } from './test-story.testing.ts';

describeWithTools(['pdfimages', 'unzip'], 'exports of a story on an aspect preset', () => {
  const dir = useTempDir();
  let store: Store;
  beforeEach(() => {
    store = openStore(join(dir(), 'library.sqlite'));
  });
  afterEach(() => store.close());

  async function scopeStory(aspect: '2.39:1' | null): Promise<StorySnapshot> {
    const size = presetSize('2.39:1', 'sd1');
    const { project } = await addTestStory(store, { frames: [{ prompt: 'a' }, { prompt: 'b' }], ...size });
    store.projects.update({ ...project, settings: { ...project.settings, aspect } });
    return loadStorySnapshot(store, project.id, { planStory: planWithToyTokenizer });
  }

  async function sizes(snapshot: StorySnapshot) {
    const pdf = join(dir(), 'story.pdf');
    writeFileSync(pdf, (await encodeStory(snapshot, { format: 'pdf', onProblems: 'fail' })).bytes);
    const zip = join(dir(), 'story.zip');
    writeFileSync(zip, (await encodeStory(snapshot, { format: 'zip', onProblems: 'fail' })).bytes);
    const png = runTool('unzip', ['-Z1', zip]).split('\n').find((name) => name.endsWith('.png'))!;
    const zipped = await sharp(runToolBinary('unzip', ['-p', zip, png])).metadata();
    const strip = await sharp((await encodeStory(snapshot, { format: 'strip', onProblems: 'fail' })).bytes).metadata();
    const gif = new GifReader(Buffer.from((await encodeStory(snapshot, { format: 'gif', onProblems: 'fail', gif: { width: 956 } })).bytes));
    const pdfImage = runTool('pdfimages', ['-list', pdf]).split('\n')[2].trim().split(/\s+/).slice(3, 5).join('×');
    return { pdf: pdfImage, zip: `${zipped.width}×${zipped.height}`, stripHeight: strip.height, gif: `${gif.width}×${gif.height}` };
  }

  // 1024 ÷ 428 = 2.3925 and 956 ÷ 400 = 2.39: the nearest whole pixels to 2.39:1.
  it('crops 1024×432 renders to 1024×428 (2.39:1) in the PDF, ZIP, strip and GIF', async () => {
    expect(await sizes(await scopeStory('2.39:1'))).toEqual({ pdf: '1024×428', zip: '1024×428', stripHeight: 428, gif: '956×400' });
  });

  it('leaves renders whole when the size is free', async () => {
    expect(await sizes(await scopeStory(null))).toEqual({ pdf: '1024×432', zip: '1024×432', stripHeight: 432, gif: '956×403' });
  });
});
