import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GifReader } from 'omggif';
import { describe, expect, it } from 'vitest';
import { addTestStory, type FrameSpec } from '../../export/test-story.testing.ts';
import { openStore } from '../../store/index.ts';
import { useTempDir } from '../../store/temp-dir.testing.ts';
import { runCli } from './main.ts';
import { captureIO as capture } from './capture-io.testing.ts';

describe('onestory export and import', () => {
  const dir = useTempDir();

  async function library(frames: FrameSpec[] = [{ prompt: 'wakes up', caption: 'Morning' }, { prompt: 'plays', variants: 0 }, { prompt: 'sleeps' }]) {
    const db = join(dir(), 'library.sqlite');
    const store = openStore(db);
    try {
      await addTestStory(store, { name: 'Kitten story', frames });
    } finally {
      store.close();
    }
    return db;
  }

  it('fails, listing the frames that are not ready, unless --placeholders is given', async () => {
    const db = await library();
    const out = join(dir(), 'story.pdf');
    const refused = capture();
    expect(await runCli(['--db', db, 'export', '--project', 'kitten story', '--format', 'pdf', '--out', out], refused)).toBe(1);
    expect(refused.stderr).toContain('1 frame is not ready to export');
    expect(refused.stderr).toContain('frame 2: not generated yet');
    expect(refused.stderr).toContain('--placeholders');
    expect(existsSync(out)).toBe(false);

    const io = capture();
    expect(await runCli(['--db', db, 'export', '--project', 'Kitten story', '--format', 'pdf', '--layout', '4', '--title-page', '--notes', '--placeholders', '--out', out], io)).toBe(0);
    expect(io.stdout).toContain(`Wrote ${out}`);
    expect(io.stderr).toContain('warning: frame 2 is not generated; exported as a placeholder');
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('writes a worksheet with --layout worksheet, warning where long dialogue continues', async () => {
    const dialogue = Array.from({ length: 3000 }, (_, i) => `line${i}`).join(' ');
    const db = await library([{ prompt: 'wakes up', board: { shotType: 'CU', dialogue, speaker: 'ANNA' } }, { prompt: 'sleeps' }]);
    const out = join(dir(), 'sheet.pdf');
    const io = capture();
    expect(await runCli(['--db', db, 'export', '--project', 'Kitten story', '--format', 'pdf', '--layout', 'worksheet', '--out', out], io)).toBe(0);
    expect(io.stderr).toMatch(/^warning: Shot 1's dialogue continues on page 1\.$/m);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('writes a GIF with its options', async () => {
    const db = await library([{ prompt: 'a', durationMs: 700 }, { prompt: 'b', durationMs: 1200 }]);
    const out = join(dir(), 'story.gif');
    expect(await runCli(['--db', db, 'export', '--project', 'Kitten story', '--format', 'gif', '--width', '160', '--no-loop', '--out', out], capture())).toBe(0);
    const gif = new GifReader(readFileSync(out));
    expect([gif.width, gif.numFrames(), gif.frameInfo(0).delay, gif.frameInfo(1).delay, gif.loopCount()]).toEqual([160, 2, 70, 120, null]);
  });

  it('rejects options of another format, and bad values, as usage errors', async () => {
    const db = await library();
    const io = capture();
    expect(await runCli(['--db', db, 'export', '--project', 'Kitten story', '--format', 'gif', '--layout', '4', '--out', join(dir(), 'x.gif')], io)).toBe(2);
    expect(io.stderr).toContain('--layout applies to --format pdf only');
    expect(await runCli(['--db', db, 'export', '--project', 'Kitten story', '--format', 'pdf', '--layout', '5', '--out', join(dir(), 'x.pdf')], capture())).toBe(2);
    expect(await runCli(['--db', db, 'export', '--project', 'Kitten story', '--format', 'gif', '--width', 'wide', '--out', join(dir(), 'x.gif')], capture())).toBe(2);
    expect(await runCli(['--db', db, 'export', '--project', 'Kitten story', '--format', 'docx', '--out', join(dir(), 'x')], capture())).toBe(2);
  });

  it('exports a project file and imports it into another library, printing the id and name', async () => {
    const db = await library();
    const file = join(dir(), 'kitten.onestory');
    expect(await runCli(['--db', db, 'export', '--project', 'Kitten story', '--format', 'project', '--out', file], capture())).toBe(0);

    const other = join(dir(), 'other', 'library.sqlite');
    const io = capture();
    expect(await runCli(['--db', other, 'import', file], io)).toBe(0);
    expect(io.stdout).toMatch(/^Imported "Kitten story" \([0-9a-f-]{36}\): 3 frames, 2 renders$/m);
    const listed = capture();
    await runCli(['--db', other, 'projects', 'list'], listed);
    expect(listed.stdout).toContain('Kitten story');

    const again = capture();
    expect(await runCli(['--db', other, 'import', file], again)).toBe(0);
    expect(again.stdout).toContain('Imported "Kitten story (imported)"');
    expect(again.stdout).toContain('with new ids');
  });

  it('refuses to import what is not a project file, with exit 1', async () => {
    const db = await library();
    const io = capture();
    expect(await runCli(['--db', db, 'import', db], io)).toBe(1);
    expect(io.stderr).toContain('is not an Onestory project file');
    expect(readdirSync(dir()).filter((f) => f.includes('partial'))).toEqual([]);
  });
});
