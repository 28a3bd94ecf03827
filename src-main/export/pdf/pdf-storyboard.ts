// The printable storyboard: panels with each frame's image and its texts, an optional title page first.
import { PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { formatSeconds } from '../../../src-shared/format/quantities.ts';
import type { FrameImage } from '../frame-images.ts';
import type { Step } from '../progress.ts';
import type { SnapshotFrame, StorySnapshot } from '../snapshot.ts';
import {
  fitTop,
  HEADER_HEIGHT,
  LINE_HEIGHT,
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
import { embedPngImage, type DrawImage } from './png-image.ts';
import { embedStoryFont } from './story-font.ts';
import type { FontFace } from './system-fonts.ts';
import { wrapText } from './text-wrap.ts';

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
export async function renderPdfStoryboard(snapshot: StorySnapshot, images: readonly FrameImage[], options: PdfOptions = {}, step: Step = () => {}): Promise<PdfResult> {
  const { panelsPerPage = 6, paper = 'a4', orientation = 'landscape', titlePage = false, prompts = true, notes = false, durations = false } = options;
  const doc = await PDFDocument.create();
  doc.setTitle(`${snapshot.project.name}: storyboard`);
  doc.setCreator('Onestory');

  const panels = snapshot.frames.map((frame, j) => panelText(frame, j, { prompts, notes, durations }));
  const title = titlePage ? titleFields(snapshot) : [];
  const texts = [snapshot.project.name, ...title.flat(), ...panels.flatMap((p) => Object.values(p)), 'Page 0123456789 of …'];
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
      const draw = await embedPngImage(doc, images[j].png);
      drawPanel(page, boxes[i], draw, images[j], panels[j], PANEL_TEXT[panelsPerPage], { prompts, notes }, writer);
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

function drawPanel(
  page: PDFPage,
  box: Box,
  drawImage: DrawImage,
  pixels: FrameImage,
  text: PanelText,
  style: PanelTextStyle,
  show: { prompts: boolean; notes: boolean },
  writer: TextWriter,
): void {
  const small = style.size * SMALL_TEXT;
  const textHeight = panelTextHeight(style, show);
  const picture = fitTop({ ...box, y: box.y + textHeight, height: box.height - textHeight }, pixels.width / pixels.height);
  drawImage(page, picture);
  page.drawRectangle({ ...picture, borderColor: RULE, borderWidth: 0.5 });

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

/** Draws in the story's font, measuring characters once per size. */
class TextWriter {
  readonly #font: PDFFont;
  readonly #drawable: (text: string) => string;
  readonly #widths = new Map<string, number>();

  constructor(font: PDFFont, drawable: (text: string) => string) {
    this.#font = font;
    this.#drawable = drawable;
  }

  /** Kerning is left out of the measure; wrapping keeps a little room for it. */
  width(text: string, size: number): number {
    let sum = 0;
    for (const char of this.#drawable(text)) {
      const key = `${size}:${char}`;
      let w = this.#widths.get(key);
      if (w === undefined) {
        w = this.#font.widthOfTextAtSize(char, size);
        this.#widths.set(key, w);
      }
      sum += w;
    }
    return sum;
  }

  /** One line with its baseline at y. */
  line(page: PDFPage, text: string, x: number, y: number, size: number, color: RGB): void {
    if (text) page.drawText(this.#drawable(text), { x, y, size, font: this.#font, color });
  }

  /** Wrapped text whose first line's top is at y; returns the y below the last line drawn. */
  paragraph(page: PDFPage, text: string, at: { x: number; y: number; width: number; size: number; lines: number; color: RGB }): number {
    const lines = wrapText(this.#drawable(text), (t) => this.width(t, at.size), at.width * 0.98, at.lines);
    let y = at.y;
    for (const line of lines) {
      y -= at.size * LINE_HEIGHT;
      this.line(page, line, at.x, y + at.size * 0.25, at.size, at.color);
    }
    return y;
  }
}

/** Tabs become spaces; other control characters have no glyph in any font. */
function clean(text: string): string {
  return text.replace(/\t/g, ' ').replace(/(?![\n\r])\p{Cc}/gu, '');
}
