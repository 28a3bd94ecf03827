// Placeholder marks drawn by the PDF itself, in vector shapes and the story's font: sharp at any zoom and any
// render size, and the words stay text a reader can search and copy.
import { rgb, type PDFPage } from 'pdf-lib';
import type { Box } from '../../../src-shared/domain/storyboard-layout.ts';
import { PLACEHOLDER_TEXT } from '../frame-images.ts';
import type { TextWriter } from './text-writer.ts';

const PANEL = rgb(0.906, 0.898, 0.894);
const CROSS = rgb(0.839, 0.827, 0.82);
const DASHES = rgb(0.659, 0.635, 0.62);
const WORDS = rgb(0.341, 0.325, 0.306);
const BAND = rgb(0.706, 0.325, 0.035);
const WHITE = rgb(1, 1, 1);

/** A grey panel, crossed and edged with dashes (read as "empty" even where no font draws the words), and the words. */
export function drawNotGenerated(page: PDFPage, box: Box, writer: TextWriter): void {
  const { x, y, width, height } = box;
  const size = Math.max(6, Math.min(width, height) / 10);
  page.drawRectangle({ ...box, color: PANEL });
  page.drawLine({ start: { x, y }, end: { x: x + width, y: y + height }, thickness: size / 8, color: CROSS });
  page.drawLine({ start: { x, y: y + height }, end: { x: x + width, y }, thickness: size / 8, color: CROSS });
  const inset = size / 4;
  page.drawRectangle({
    x: x + inset,
    y: y + inset,
    width: width - 2 * inset,
    height: height - 2 * inset,
    borderColor: DASHES,
    borderWidth: size / 10,
    borderDashArray: [size / 2, size / 3],
  });
  centred(page, PLACEHOLDER_TEXT.missing, box, y + height / 2 - size * 0.35, size, WORDS, writer);
}

/** An amber band across the top of the render, with the words in white. */
export function drawOutOfDate(page: PDFPage, box: Box, writer: TextWriter): void {
  const size = Math.max(6, box.width / 16);
  const band = Math.min(box.height, size * 1.8);
  const top = box.y + box.height;
  page.drawRectangle({ x: box.x, y: top - band, width: box.width, height: band, color: BAND, opacity: 0.85 });
  centred(page, PLACEHOLDER_TEXT.stale, box, top - band / 2 - size * 0.35, size, WHITE, writer);
}

/** One line centred across the box, shrunk to fit its width. */
function centred(page: PDFPage, text: string, box: Box, baseline: number, size: number, color: ReturnType<typeof rgb>, writer: TextWriter): void {
  const fitted = Math.min(size, (size * box.width * 0.9) / Math.max(1, writer.width(text, size)));
  writer.line(page, text, box.x + (box.width - writer.width(text, fitted)) / 2, baseline, fitted, color);
}
