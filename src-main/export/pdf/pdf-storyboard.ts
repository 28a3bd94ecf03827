// The printable storyboard: panels with each frame's image and its texts, an optional title page first.
import { PDFDocument, rgb, type PDFPage } from 'pdf-lib';
import { formatSeconds } from '../../../src-shared/format/quantities.ts';
import { PLACEHOLDER_TEXT, type FramePicture } from '../frame-images.ts';
import type { Step } from '../progress.ts';
import type { StorySnapshot } from '../snapshot.ts';
import {
  HEADER_HEIGHT,
  MARGIN,
  pageSize,
  panelBoxes,
  type Box,
  type Orientation,
  type Paper,
  type PdfLayout,
} from '../../../src-shared/domain/storyboard-layout.ts';
import { frameNumbers, groupDiffering, summarizeRenders } from '../render-summary.ts';
import { clean, gridBlocks, type PanelShow } from './panel-texts.ts';
import { layoutPages, type PageLayout, type PanelLayout } from './pdf-pages.ts';
import { embedPngImage } from './png-image.ts';
import { embedStoryFont } from './story-font.ts';
import type { FontFace } from './system-fonts.ts';
import { drawNotGenerated, drawOutOfDate } from './placeholders.ts';
import { drawFitted } from './text-fit.ts';
import { TextWriter } from './text-writer.ts';
import { drawWorksheetFields } from './worksheet.ts';

export interface PdfOptions {
  /** frames per page, or the worksheet (default 6) */
  layout?: PdfLayout;
  /** the older name of a grid layout; `layout` wins (the contract refuses requests where they disagree) */
  panelsPerPage?: Exclude<PdfLayout, 'worksheet'>;
  /** default a4 */
  paper?: Paper;
  /** default landscape */
  orientation?: Orientation;
  /** a first page with the identity prompt and what the pictures were rendered with (default false) */
  titlePage?: boolean;
  /** each frame's prompt under its caption (default true) */
  prompts?: boolean;
  /** default false */
  notes?: boolean;
  /** default false */
  durations?: boolean;
  /** each scene starts a new page (default true); off, its heading goes above its first shot instead */
  sceneBreaks?: boolean;
  /** replaces the system font lookup (tests) */
  fontCandidates?: (codePoints: readonly number[]) => FontFace[];
}

export interface PdfResult {
  bytes: Uint8Array;
  /** e.g. characters no installed font can draw, text that continues on another page */
  warnings: string[];
}

const INK = rgb(0.1, 0.1, 0.1);
const MUTED = rgb(0.42, 0.42, 0.42);
const RULE = rgb(0.75, 0.75, 0.75);
const COLORS = { ink: INK, muted: MUTED };

/** The layout the PDF will have: its story pages (a title page, when asked, comes before them). */
export interface PdfPagesLayout {
  pages: PageLayout[];
  /** the number of the first story page (2 after a title page) */
  first: number;
  /** characters no installed font can draw, text that continues on another page */
  warnings: string[];
}

interface Prepared extends PdfPagesLayout {
  doc: PDFDocument;
  writer: TextWriter;
  size: { width: number; height: number };
  title: [string, string][];
}

/** The document with the story's font, and every panel laid out on its page. */
async function prepare(snapshot: StorySnapshot, pictures: readonly FramePicture[], options: PdfOptions): Promise<Prepared> {
  const { paper = 'a4', orientation = 'landscape', titlePage = false, prompts = true, notes = false, durations = false, sceneBreaks = true } = options;
  const layout = options.layout ?? options.panelsPerPage ?? 6;
  const show: PanelShow = { prompts, notes, durations, sceneBreaks };
  const doc = await PDFDocument.create();
  doc.setTitle(`${snapshot.project.name}: storyboard`);
  doc.setCreator('Onestory');

  const blocks = snapshot.frames.map(({ frame }) => gridBlocks(frame, { ...show, notes: true }));
  const title = titlePage ? titleFields(snapshot) : [];
  const texts = [
    snapshot.project.name,
    ...snapshot.scenes.map((s) => s.heading),
    ...title.flat(),
    ...blocks.flat().map((b) => b.text),
    ...Object.values(PLACEHOLDER_TEXT),
    'Page 0123456789 of … (continued) Shot type / camera Action Dialogue Notes Caption: Prompt: Scene:',
  ];
  const { font, drawable, warnings } = await embedStoryFont(doc, texts, options.fontCandidates);
  const writer = new TextWriter(font, drawable);
  const size = pageSize(paper, orientation);
  const first = titlePage ? 2 : 1;
  const aspects = pictures.map((p) => p.width / p.height);
  const pages = layoutPages(snapshot, aspects, layout, panelBoxes(size, layout, orientation), { show, writer, first, warnings });
  return { doc, writer, size, title, pages, first, warnings };
}

/** The PDF's layout without drawing it: what the export dialog previews. */
export async function layoutPdfStoryboard(snapshot: StorySnapshot, pictures: readonly FramePicture[], options: PdfOptions = {}): Promise<PdfPagesLayout> {
  const { pages, first, warnings } = await prepare(snapshot, pictures, options);
  return { pages, first, warnings };
}

/** `step` after each frame's panel is drawn. */
export async function renderPdfStoryboard(snapshot: StorySnapshot, pictures: readonly FramePicture[], options: PdfOptions = {}, step: Step = () => {}): Promise<PdfResult> {
  const { doc, writer, size, title, pages, first, warnings } = await prepare(snapshot, pictures, options);
  if (title.length > 0) drawTitlePage(doc.addPage([size.width, size.height]), snapshot.project.name, title, writer);
  const total = pages.length + first - 1;
  for (const [p, plan] of pages.entries()) {
    const page = doc.addPage([size.width, size.height]);
    drawPageHeader(page, snapshot.project.name, plan.scene, `Page ${p + first} of ${total}`, writer);
    for (const panel of plan.panels) await drawPanel(doc, page, panel, pictures, writer, step);
  }
  return { bytes: await doc.save(), warnings };
}

async function drawPanel(doc: PDFDocument, page: PDFPage, panel: PanelLayout, pictures: readonly FramePicture[], writer: TextWriter, step: Step): Promise<void> {
  switch (panel.kind) {
    case 'grid':
      await drawPicture(doc, page, panel.picture, pictures[panel.frameIndex], writer);
      drawFitted(page, panel.fitted, panel.text, writer, COLORS);
      return step();
    case 'worksheet':
      await drawPicture(doc, page, panel.picture, pictures[panel.frameIndex], writer);
      drawWorksheetFields(page, panel.fields, writer);
      return step();
    case 'continued':
      return drawFitted(page, panel.fitted, panel.text, writer, COLORS);
  }
}

/** The render at its own pixels; a placeholder's mark in vector shapes and text, sharp at any zoom. */
async function drawPicture(doc: PDFDocument, page: PDFPage, box: Box, { png, mark }: FramePicture, writer: TextWriter): Promise<void> {
  if (png === null) drawNotGenerated(page, box, writer);
  else (await embedPngImage(doc, png))(page, box);
  if (mark === 'stale') drawOutOfDate(page, box, writer);
  page.drawRectangle({ ...box, borderColor: RULE, borderWidth: 0.5 });
}

/** The scene's heading, when the page starts one, on the left; the story's name and the page number on the right. */
function drawPageHeader(page: PDFPage, name: string, scene: string | null, pageLabel: string, writer: TextWriter): void {
  const { width, height } = page.getSize();
  const y = height - MARGIN - HEADER_HEIGHT / 2;
  const size = 8;
  const right = scene === null ? pageLabel : `${name} · ${pageLabel}`;
  const left = scene ?? name;
  const leftSize = scene === null ? size : 10;
  writer.paragraph(page, left, { x: MARGIN, y: y + leftSize, width: width / 2, size: leftSize, lines: 1, color: scene === null ? MUTED : INK });
  writer.line(page, right, width - MARGIN - writer.width(right, size), y, size, MUTED);
}

/** Rows of frames that differ, at most; the title page has room for no more. */
const MAX_DIFFERING_ROWS = 12;

/**
 * Label and value rows of the title page. What made the pictures comes from their renders' own parameters, never
 * the story's settings now: a line for what they share, and one for each set of frames that differ.
 */
function titleFields(snapshot: StorySnapshot): [string, string][] {
  const { project, frames, problems } = snapshot;
  const totalMs = frames.reduce((sum, f) => sum + f.frame.durationMs, 0);
  const summary = summarizeRenders(snapshot);
  const fields: [string, string][] = [
    ['Identity prompt', clean(project.identityPrompt) || '(none)'],
    ['Negative prompt', clean(project.negativePrompt) || '(none)'],
    ['Frames', `${frames.length}, ${formatSeconds(totalMs)} in all`],
    ['Rendered with', summary.shared || 'no frame is generated yet'],
  ];
  const differing = groupDiffering(summary);
  const shown = differing.length > MAX_DIFFERING_ROWS ? differing.slice(0, MAX_DIFFERING_ROWS - 1) : differing;
  shown.forEach(([numbers, differs], i) => fields.push([i === 0 ? 'Per frame' : '', `${frameNumbers(numbers)}: ${differs}`]));
  const hidden = differing.slice(shown.length).reduce((n, [numbers]) => n + numbers.length, 0);
  if (hidden > 0) fields.push(['', `${hidden} more frames made with settings of their own`]);
  const kept = frames.flatMap((f, j) => (f.frame.kept && f.staleReasons.length > 0 ? [j + 1] : []));
  if (kept.length > 0) fields.push(['Kept', `${frameNumbers(kept)}: kept by the user as made, though the story changed since`]);
  if (problems.length > 0) {
    const missing = problems.filter((p) => p.kind === 'missing').length;
    fields.push(['Placeholders', `${missing} not generated, ${problems.length - missing} out of date`]);
  }
  fields.push(['Exported', new Date().toISOString().slice(0, 10)]);
  return fields;
}

function drawTitlePage(page: PDFPage, name: string, fields: [string, string][], writer: TextWriter): void {
  const { width, height } = page.getSize();
  const labelWidth = 110;
  let y = writer.paragraph(page, name, { x: MARGIN, y: height - MARGIN, width: width - 2 * MARGIN, size: 22, lines: 3, color: INK });
  y = writer.paragraph(page, 'Storyboard', { x: MARGIN, y: y - 4, width: width - 2 * MARGIN, size: 12, lines: 1, color: MUTED }) - 18;
  for (const [label, value] of fields) {
    const size = 10;
    writer.line(page, label, MARGIN, y - size, size, MUTED);
    y = writer.paragraph(page, value, { x: MARGIN + labelWidth, y, width: width - 2 * MARGIN - labelWidth, size, lines: 8, color: INK }) - 8;
  }
}
