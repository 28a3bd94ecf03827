// Text in the story's font: measured, wrapped and drawn on a PDF page.
import type { PDFFont, PDFPage, RGB } from 'pdf-lib';
import { LINE_HEIGHT } from '../../../src-shared/domain/storyboard-layout.ts';
import { wrapText } from './text-wrap.ts';

/** Draws in the story's font, measuring characters once per size. */
export class TextWriter {
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

  /** Every line of the text wrapped to the width, none cut. */
  wrap(text: string, size: number, width: number): string[] {
    return wrapText(this.#drawable(text), (t) => this.width(t, size), width * 0.98, Infinity);
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
