// Read back with poppler (pdfinfo, pdfimages, pdftotext, pdffonts): a PDF reader independent of pdf-lib.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Frame } from '../../../src-shared/domain/index.ts';
import { openStore, type Store } from '../../store/index.ts';
import { useTempDir } from '../../store/temp-dir.testing.ts';
import { describeWithTools, runTool } from '../decoders.testing.ts';
import { framePictures } from '../frame-images.ts';
import { loadStorySnapshot, type StorySnapshot } from '../snapshot.ts';
import { addTestStory, planWithToyTokenizer, type FrameSpec } from '../test-story.testing.ts';
import { previewPdf } from '../export-story.ts';
import { renderPdfStoryboard, type PdfOptions } from './pdf-storyboard.ts';
import { systemFontCandidates } from './system-fonts.ts';

const CHINESE_CAPTION = '小猫在阳光下醒来';
const cjkFont = systemFontCandidates([...CHINESE_CAPTION].map((c) => c.codePointAt(0)!))[0];
if (!cjkFont) console.warn('[skipped] the Chinese caption PDF test: no CJK font installed (Debian: fonts-wqy-microhei or fonts-noto-cjk).');

const seven: FrameSpec[] = Array.from({ length: 7 }, (_, j) => ({
  prompt: `frame prompt number ${j + 1}`,
  caption: `Caption ${j + 1}`,
  notes: `Note ${j + 1}`,
  durationMs: 1500 + j * 500,
}));

describeWithTools(['pdfinfo', 'pdfimages', 'pdftotext', 'pdffonts'], 'PDF storyboard', () => {
  const dir = useTempDir();
  let store: Store;
  beforeEach(() => {
    store = openStore(join(dir(), 'library.sqlite'));
  });
  afterEach(() => store.close());

  /** `change` edits the stored story after its renders are made (to make some of them stale). */
  async function snapshotOf(frames: FrameSpec[], name = 'Kitten story', change: (stored: Frame[]) => void = () => {}): Promise<StorySnapshot> {
    const { project, frames: stored } = await addTestStory(store, { name, frames, width: 128, height: 96 });
    change(stored);
    return loadStorySnapshot(store, project.id, { planStory: planWithToyTokenizer });
  }

  async function pdf(snapshot: StorySnapshot, options: PdfOptions): Promise<{ path: string; warnings: string[] }> {
    const { bytes, warnings } = await renderPdfStoryboard(snapshot, framePictures(snapshot), options);
    const path = join(dir(), 'story.pdf');
    writeFileSync(path, bytes);
    return { path, warnings };
  }

  const info = (path: string) => {
    const out = runTool('pdfinfo', [path]);
    return { pages: Number(/^Pages:\s+(\d+)/m.exec(out)?.[1]), size: /^Page size:\s+(.+?) pts/m.exec(out)?.[1] };
  };
  /** Rows of `pdfimages -list` that are images (not soft masks): width, height. */
  const images = (path: string) =>
    runTool('pdfimages', ['-list', path])
      .split('\n')
      .slice(2)
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols[2] === 'image')
      .map((cols) => [Number(cols[3]), Number(cols[4])]);
  /** raw: in the order drawn, rather than poppler's guess at columns (which mixes side-by-side panels' lines) */
  const text = (path: string, raw = false) => runTool('pdftotext', ['-enc', 'UTF-8', ...(raw ? ['-raw'] : []), path, '-']);

  it.each([
    [1, 'a4', 'portrait', false, 7, '595.28 x 841.89'],
    [2, 'letter', 'landscape', false, 4, '792 x 612'],
    [3, 'letter', 'portrait', false, 3, '612 x 792'],
    [4, 'a4', 'landscape', true, 3, '841.89 x 595.28'],
    [6, 'letter', 'portrait', false, 2, '612 x 792'],
    [9, 'a4', 'landscape', true, 2, '841.89 x 595.28'],
    ['worksheet', 'a4', 'portrait', false, 3, '595.28 x 841.89'],
    ['worksheet', 'letter', 'landscape', true, 5, '792 x 612'],
  ] as const)('layout %s on %s %s (title page: %s): %i pages of %s pt', async (layout, paper, orientation, titlePage, pages, size) => {
    const { path, warnings } = await pdf(await snapshotOf(seven), { layout, paper, orientation, titlePage });
    expect(warnings).toEqual([]);
    expect(info(path)).toEqual({ pages, size });
    // Every frame's image at its own pixel size, not a thumbnail.
    expect(images(path)).toEqual(Array.from({ length: 7 }, () => [128, 96]));
  });

  it("embeds each render's own pixels, unchanged", async () => {
    const snapshot = await snapshotOf(seven.slice(0, 3));
    const { path } = await pdf(snapshot, {});
    runTool('pdfimages', ['-png', path, join(dir(), 'extracted')]);
    for (const [j, frame] of snapshot.frames.entries()) {
      const extracted = await sharp(join(dir(), `extracted-00${j}.png`)).raw().toBuffer();
      expect(extracted.equals(await sharp(frame.png!).raw().toBuffer())).toBe(true);
    }
  });

  it('embeds PNGs with transparency too (decoded, with a soft mask)', async () => {
    const snapshot = await snapshotOf(seven.slice(0, 1));
    const rgba = await sharp({ create: { width: 40, height: 30, channels: 4, background: { r: 200, g: 10, b: 10, alpha: 0.5 } } }).png().toBuffer();
    const { bytes } = await renderPdfStoryboard(snapshot, [{ png: rgba, width: 40, height: 30, mark: null }], {});
    const path = join(dir(), 'alpha.pdf');
    writeFileSync(path, bytes);
    expect(runTool('pdfimages', ['-list', path])).toMatch(/ smask +40 +30 /);
    expect(images(path)).toEqual([[40, 30]]);
  });

  it('prints frame numbers, captions and prompts; notes and durations when asked', async () => {
    const snapshot = await snapshotOf(seven);
    const plain = text((await pdf(snapshot, {})).path);
    expect(plain).toContain('Shot 1');
    expect(plain).toContain('Shot 7');
    expect(plain).toContain('Caption 3');
    expect(plain).toContain('frame prompt number 4');
    expect(plain).not.toContain('Note 2');
    expect(plain).not.toContain('2.5 s');

    const full = text((await pdf(snapshot, { notes: true, durations: true, prompts: false, titlePage: true })).path);
    expect(full).toContain('Notes: Note 2');
    expect(full).toContain('2.5 s');
    expect(full).not.toContain('frame prompt number 4');
    expect(full).toContain('Identity prompt');
    expect(full).toContain('a watercolor kitten with a red scarf');
    expect(full).toContain('test-model');
  });

  it('uses the built-in Helvetica, embedding nothing, when all text is Latin', async () => {
    const { path } = await pdf(await snapshotOf(seven), { titlePage: true });
    const fonts = runTool('pdffonts', [path]);
    expect(fonts).toContain('Helvetica');
    expect(fonts).not.toMatch(/ yes /);
  });

  it('takes panelsPerPage as the older name of a grid layout', async () => {
    const { path } = await pdf(await snapshotOf(seven), { panelsPerPage: 2 });
    expect(info(path).pages).toBe(4);
  });

  /** Numbered words, so a test can tell that none is lost or out of order. */
  const words = (name: string, n: number) => Array.from({ length: n }, (_, i) => `${name}${i + 1}`).join(' ');
  /** The PDF's words in reading order, without the page headers and continuation headings that interleave them. */
  const inOrder = (plain: string, text: string) => {
    const all = plain.split(/\s+/);
    let at = 0;
    for (const word of text.split(' ')) {
      at = all.indexOf(word, at);
      if (at < 0) return `${word} missing or out of order`;
    }
    return 'in full, in order';
  };

  it.each(['worksheet', 9, 1] as const)(
    'layout %s prints every shot field in full, continuing long dialogue on the next page and saying so',
    async (layout) => {
      const board = [
        { shotNumber: '1A', shotType: 'CU', camera: 'dolly', action: words('act', 12), dialogue: words('say', 2200), speaker: 'ANNA' },
        { shotType: 'WS', camera: 'static', action: words('run', 8), dialogue: 'Short line.', speaker: '' },
        { shotType: 'OTS', action: words('look', 5), dialogue: words('bye', 10), speaker: 'BEN' },
      ];
      const snapshot = await snapshotOf(board.map((b, j) => ({ prompt: `p${j}`, caption: `Caption ${j + 1}`, board: b })));
      const { path, warnings } = await pdf(snapshot, { layout, paper: 'a4', orientation: 'portrait' });
      const plain = text(path, true);
      expect(plain).toContain('ANNA: say1 ');
      for (const b of board) {
        expect(plain).toContain(b.shotType);
        expect(inOrder(plain, b.action)).toBe('in full, in order');
        expect(inOrder(plain, b.dialogue)).toBe('in full, in order');
      }
      expect(plain).toContain('1A');
      expect(plain).toContain('Shot 1A (continued)');
      expect(plain).not.toContain('…');
      // in the worksheet's Action and Notes boxes, the caption and the prompt say what they are
      if (layout === 'worksheet') expect(plain).toMatch(/Caption: Caption 2[\s\S]*Prompt: p1/);
      expect(warnings.length).toBeGreaterThan(0);
      expect(warnings[0]).toMatch(/^Shot 1A's dialogue continues on page \d+\.$/);
    },
  );

  it.each(['worksheet', 9, 2] as const)('layout %s: the preview lays out what the PDF prints, page for page and line for line', async (layout) => {
    const board = [
      { shotNumber: '1A', shotType: 'CU', action: words('act', 12), dialogue: words('say', 1500), speaker: 'ANNA' },
      { shotType: 'WS', action: words('run', 8), dialogue: 'Short line.', speaker: '' },
    ];
    const snapshot = await snapshotOf(board.map((b, j) => ({ prompt: `p${j}`, caption: `Caption ${j + 1}`, board: b })));
    const options: PdfOptions = { layout, paper: 'letter', orientation: 'landscape', notes: true };
    const preview = await previewPdf(snapshot, options);
    const { path, warnings } = await pdf(snapshot, options);
    expect(preview.pages).toHaveLength(info(path).pages);
    expect(preview.warnings).toEqual(warnings);
    expect(preview.pages.flatMap((p) => p.panels).some((panel) => panel.kind === 'continued')).toBe(true);
    const printed = text(path, true).split('\f');
    preview.pages.forEach((page, p) => {
      const lines = page.panels.flatMap((panel) => (panel.kind === 'worksheet' ? panel.fields.flatMap((f) => [{ text: f.label }, ...f.lines]) : panel.lines));
      for (const line of lines) if (line.text.trim()) expect(inOrder(printed[p], line.text.trim().replace(/\s+/g, ' ')), `page ${p + 1}: ${line.text}`).toBe('in full, in order');
    });
  });

  it("continues even a shot number too long for the worksheet's shot box, rather than dropping it", async () => {
    const shotNumber = words('n', 40).replace(/ /g, '-');
    const snapshot = await snapshotOf([{ prompt: 'a', board: { shotNumber } }]);
    const { path, warnings } = await pdf(snapshot, { layout: 'worksheet' });
    expect(warnings).toEqual([`Shot ${shotNumber}'s shot number continues on page 1.`]);
    // The box holds its start; the rest of it follows the continuation's heading.
    const [, rest] = /\(continued\)\s+(\S+)/.exec(text(path, true))!;
    expect(rest).toMatch(/-n40$/);
    expect(shotNumber.endsWith(rest)).toBe(true);
  });

  it.each([true, false])('scene breaks %s: each scene starts a page under its heading, or runs on with its heading above its first shot', async (sceneBreaks) => {
    const { project, frames } = await addTestStory(store, { frames: seven.slice(0, 3), width: 128, height: 96 });
    const t = Date.now();
    const [kitchen, garden] = ['INT. KITCHEN – NIGHT', 'EXT. GARDEN – DAY'].map((heading) => {
      const scene = { id: randomUUID(), projectId: project.id, heading, createdAt: t, updatedAt: t };
      store.scenes.insert(scene);
      return scene.id;
    });
    [kitchen, kitchen, garden].forEach((sceneId, j) => store.frames.update({ ...frames[j], sceneId }));
    const snapshot = await loadStorySnapshot(store, project.id, { planStory: planWithToyTokenizer });
    const { path } = await pdf(snapshot, { layout: 6, sceneBreaks });
    const pages = text(path, true).split('\f');
    if (sceneBreaks) {
      expect(info(path).pages).toBe(2);
      expect(pages[0]).toContain('INT. KITCHEN – NIGHT');
      expect(pages[0]).toContain('Shot 2');
      expect(pages[1]).toContain('EXT. GARDEN – DAY');
      expect(pages[1]).toContain('Shot 3');
    } else {
      expect(info(path).pages).toBe(1);
      // the garden's heading sits right above shot 3, the kitchen's in the header and above shot 1
      expect(pages[0]).toMatch(/EXT\. GARDEN – DAY\s+Shot 3/);
      expect(pages[0]).toMatch(/INT\. KITCHEN – NIGHT\s+Shot 1/);
    }
  });

  it.skipIf(!cjkFont)('draws a Chinese caption with an embedded subset of a system CJK font', async () => {
    const snapshot = await snapshotOf([{ prompt: 'wakes up', caption: CHINESE_CAPTION, notes: '慢慢地推近' }], '小猫的故事');
    const { path, warnings } = await pdf(snapshot, { notes: true, titlePage: true });
    expect(warnings).toEqual([]);
    const extracted = text(path);
    expect(extracted).toContain(CHINESE_CAPTION);
    expect(extracted).toContain('Notes: 慢慢地推近');
    expect(extracted).toContain('小猫的故事');
    const fonts = runTool('pdffonts', [path]);
    expect(fonts).toMatch(/CID TrueType|CID Type 0C/);
    expect(fonts).toMatch(/ yes /); // embedded
  });

  it.skipIf(!cjkFont)('draws Chinese shot fields in a worksheet, and carries long Chinese dialogue on without losing a character', async () => {
    const dialogue = '我们明天早上一起去花园里看小鸟吧。'.repeat(160);
    const board = { shotType: '特写', camera: '推', action: '小猫伸懒腰', dialogue, speaker: '安娜' };
    const snapshot = await snapshotOf([{ prompt: 'wakes up', caption: CHINESE_CAPTION, board }], '小猫的故事');
    const { path, warnings } = await pdf(snapshot, { layout: 'worksheet', orientation: 'portrait' });
    expect(warnings).toEqual(["Shot 1's dialogue continues on page 1."]);
    const extracted = text(path, true);
    for (const field of [CHINESE_CAPTION, '特写 · 推', '小猫伸懒腰', '安娜:']) expect(extracted).toContain(field);
    // CJK lines break between any two characters, so the dialogue is read back without the line breaks.
    const chinese = extracted.replace(/[^\u4e00-\u9fff。]/gu, '');
    expect(chinese).toContain(dialogue);
  });

  it('warns, and draws "?" rather than empty boxes, when no font covers the text', async () => {
    const snapshot = await snapshotOf([{ prompt: 'wakes up', caption: `Morning: ${CHINESE_CAPTION}` }]);
    const { bytes, warnings } = await renderPdfStoryboard(snapshot, framePictures(snapshot), { fontCandidates: () => [] });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`No font found on this system draws ${[...CHINESE_CAPTION].length} of the characters`);
    expect(warnings[0]).toContain(CHINESE_CAPTION);
    const path = join(dir(), 'no-font.pdf');
    writeFileSync(path, bytes);
    expect(text(path)).toContain(`Morning: ${'?'.repeat([...CHINESE_CAPTION].length)}`);
  });

  it('draws placeholders as vector shapes and searchable text, never as pictures', async () => {
    // Frame 1 up to date, frame 2 never generated, frame 3 out of date (its own seed changed since).
    const snapshot = await snapshotOf([{ prompt: 'a' }, { prompt: 'b', variants: 0 }, { prompt: 'c' }], 'Kitten story', (frames) =>
      store.frames.update({ ...frames[2], seedOverride: 7 }),
    );
    expect(snapshot.problems.map((p) => [p.position, p.kind])).toEqual([
      [1, 'missing'],
      [2, 'stale'],
    ]);
    const { path } = await pdf(snapshot, { titlePage: true });
    const plain = text(path);
    expect(plain).toContain('Not generated');
    expect(plain).toContain('Out of date');
    expect(plain).toContain('1 not generated, 1 out of date');
    // Two pictures, the renders of frames 1 and 3: nothing raster for the missing panel, no mark burnt into frame 3.
    expect(images(path)).toEqual([
      [128, 96],
      [128, 96],
    ]);
    runTool('pdfimages', ['-png', path, join(dir(), 'marked')]);
    const stale = await sharp(join(dir(), 'marked-001.png')).raw().toBuffer();
    expect(stale.equals(await sharp(snapshot.frames[2].png!).raw().toBuffer())).toBe(true);
  });
});
