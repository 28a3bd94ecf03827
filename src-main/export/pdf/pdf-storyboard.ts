// The printable storyboard: panels with each frame's image and its texts, an optional title page first.
import { PDFDocument, rgb, type PDFPage } from 'pdf-lib';
import { formatSeconds } from '../../../src-shared/format/quantities.ts';
import { PLACEHOLDER_TEXT, type FramePicture } from '../frame-images.ts';
import type { Step } from '../progress.ts';
import type { SnapshotFrame, StorySnapshot } from '../snapshot.ts';
import {
  fitTop,
  HEADER_HEIGHT,
  MARGIN,
  PANEL_TEXT,
  pageSize,
  panelBoxes,
  panelTextHeight,
  SMALL_TEXT,
  type Box,
  type Orientation,
  type PanelsPerPage,
  type PanelTextStyle,
  type Paper,
} from '../../../src-shared/domain/storyboard-layout.ts';
import { frameNumbers, groupDiffering, summarizeRenders } from '../render-summary.ts';
import { embedPngImage } from './png-image.ts';
import { embedStoryFont } from './story-font.ts';
import type { FontFace } from './system-fonts.ts';
import { drawNotGenerated, drawOutOfDate } from './placeholders.ts';
import { TextWriter } from './text-writer.ts';

export interface PdfOptions {
  /** default 6 */
  panelsPerPage?: PanelsPerPage;
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
  /** replaces the system font lookup (tests) */
  fontCandidates?: (codePoints: readonly number[]) => FontFace[];
}

export interface PdfResult {
  bytes: Uint8Array;
  /** e.g. characters no installed font can draw */
  warnings: string[];
}

const INK = rgb(0.1, 0.1, 0.1);
const MUTED = rgb(0.42, 0.42, 0.42);
const RULE = rgb(0.75, 0.75, 0.75);

interface PanelText {
  heading: string;
  duration: string;
  caption: string;
  prompt: string;
  notes: string;
}

/** `step` after each panel is placed. */
export async function renderPdfStoryboard(snapshot: StorySnapshot, pictures: readonly FramePicture[], options: PdfOptions = {}, step: Step = () => {}): Promise<PdfResult> {
  const { panelsPerPage = 6, paper = 'a4', orientation = 'landscape', titlePage = false, prompts = true, notes = false, durations = false } = options;
  const doc = await PDFDocument.create();
  doc.setTitle(`${snapshot.project.name}: storyboard`);
  doc.setCreator('Onestory');

  const panels = snapshot.frames.map((frame, j) => panelText(frame, j, { prompts, notes, durations }));
  const title = titlePage ? titleFields(snapshot) : [];
  const texts = [snapshot.project.name, ...title.flat(), ...panels.flatMap((p) => Object.values(p)), ...Object.values(PLACEHOLDER_TEXT), 'Page 0123456789 of …'];
  const { font, drawable, warnings } = await embedStoryFont(doc, texts, options.fontCandidates);
  const writer = new TextWriter(font, drawable);

  const size = pageSize(paper, orientation);
  const boxes = panelBoxes(size, panelsPerPage, orientation);
  const storyPages = Math.ceil(panels.length / boxes.length);
  const totalPages = storyPages + (titlePage ? 1 : 0);
  if (titlePage) drawTitlePage(doc.addPage([size.width, size.height]), snapshot.project.name, title, writer);

  for (let p = 0; p < storyPages; p++) {
    const page = doc.addPage([size.width, size.height]);
    drawPageHeader(page, snapshot.project.name, `Page ${p + 1 + (titlePage ? 1 : 0)} of ${totalPages}`, writer);
    for (let i = 0; i < boxes.length; i++) {
      const j = p * boxes.length + i;
      if (j >= panels.length) break;
      const picture = placePicture(boxes[i], pictures[j], PANEL_TEXT[panelsPerPage], { prompts, notes });
      await drawPicture(doc, page, picture, pictures[j], writer);
      drawPanelText(page, picture, panels[j], PANEL_TEXT[panelsPerPage], { prompts, notes }, writer);
      step();
    }
  }
  return { bytes: await doc.save(), warnings };
}

function panelText({ frame }: SnapshotFrame, j: number, show: { prompts: boolean; notes: boolean; durations: boolean }): PanelText {
  return {
    heading: `Frame ${j + 1}`,
    duration: show.durations ? formatSeconds(frame.durationMs) : '',
    caption: clean(frame.caption),
    prompt: show.prompts ? clean(frame.prompt) : '',
    notes: show.notes && frame.notes.trim() !== '' ? `Notes: ${clean(frame.notes)}` : '',
  };
}

/** Where the picture goes: at the panel's top, above room for its text. */
function placePicture(box: Box, { width, height }: FramePicture, style: PanelTextStyle, show: { prompts: boolean; notes: boolean }): Box {
  const textHeight = panelTextHeight(style, show);
  return fitTop({ ...box, y: box.y + textHeight, height: box.height - textHeight }, width / height);
}

/** The render at its own pixels; a placeholder's mark in vector shapes and text, sharp at any zoom. */
async function drawPicture(doc: PDFDocument, page: PDFPage, box: Box, { png, mark }: FramePicture, writer: TextWriter): Promise<void> {
  if (png === null) drawNotGenerated(page, box, writer);
  else (await embedPngImage(doc, png))(page, box);
  if (mark === 'stale') drawOutOfDate(page, box, writer);
  page.drawRectangle({ ...box, borderColor: RULE, borderWidth: 0.5 });
}

function drawPanelText(page: PDFPage, picture: Box, text: PanelText, style: PanelTextStyle, show: { prompts: boolean; notes: boolean }, writer: TextWriter): void {
  const small = style.size * SMALL_TEXT;
  // The text lines up with the picture, which is narrower than the panel when the panel is wide.
  const { x, width } = picture;
  let y = picture.y - 4 - style.size;
  writer.line(page, text.heading, x, y, style.size, INK);
  if (text.duration) writer.line(page, text.duration, x + width - writer.width(text.duration, style.size), y, style.size, MUTED);
  y -= style.size * 0.4;
  y = writer.paragraph(page, text.caption, { x, y, width, size: style.size, lines: style.caption, color: INK });
  if (show.prompts) y = writer.paragraph(page, text.prompt, { x, y: y - 3, width, size: small, lines: style.prompt, color: MUTED });
  if (show.notes) writer.paragraph(page, text.notes, { x, y: y - 3, width, size: small, lines: style.notes, color: INK });
}

function drawPageHeader(page: PDFPage, name: string, pageLabel: string, writer: TextWriter): void {
  const { width, height } = page.getSize();
  const y = height - MARGIN - HEADER_HEIGHT / 2;
  const size = 8;
  writer.paragraph(page, name, { x: MARGIN, y: y + size, width: width / 2, size, lines: 1, color: MUTED });
  writer.line(page, pageLabel, width - MARGIN - writer.width(pageLabel, size), y, size, MUTED);
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

/** Tabs become spaces; other control characters have no glyph in any font. */
function clean(text: string): string {
  return text.replace(/\t/g, ' ').replace(/(?![\n\r])\p{Cc}/gu, '');
}
