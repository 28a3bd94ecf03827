// Fitting a panel's texts into their box without cutting any: shrink them together down to the least size, then
// hand what still does not fit on to a continuation panel.
import { LINE_HEIGHT, MIN_TEXT_SIZE, SMALL_TEXT, type Box } from '../../../src-shared/domain/storyboard-layout.ts';
import type { TextWriter } from './text-writer.ts';

export interface TextBlock {
  /** what the block is, for the warning when it continues elsewhere ("dialogue"); empty for a continuation panel's heading */
  field: string;
  text: string;
  muted?: boolean;
  /** drawn at SMALL_TEXT of the others' size (never under the least size) */
  small?: boolean;
}

export interface FittedLine {
  text: string;
  size: number;
  muted: boolean;
  /** room above the line, on top of its own height */
  gap: number;
}

export interface FittedText {
  lines: FittedLine[];
  /** what did not fit even at the least size, to continue elsewhere; empty when everything fit */
  rest: TextBlock[];
}

const BLOCK_GAP = 2;
const SIZE_STEP = 0.5;

/** The blocks at the largest size from `base` down to MIN_TEXT_SIZE at which they fit the box, else cut at the least size. */
export function fitText(blocks: readonly TextBlock[], box: { width: number; height: number }, base: number, writer: TextWriter): FittedText {
  for (let size = base; size >= MIN_TEXT_SIZE; size -= SIZE_STEP) {
    const lines = layBlocks(blocks, box.width, size, writer);
    if (height(lines) <= box.height) return { lines: lines.map((l) => l.line), rest: [] };
  }
  const lines = layBlocks(blocks, box.width, MIN_TEXT_SIZE, writer);
  let kept = 0;
  while (kept < lines.length && height(lines.slice(0, kept + 1)) <= box.height) kept++;
  const rest: TextBlock[] = [];
  for (const [b, block] of blocks.entries()) {
    if (!lines.slice(kept).some((l) => l.block === b)) continue;
    const drawn = lines.slice(0, kept).filter((l) => l.block === b);
    rest.push({ ...block, text: textAfter(block.text, drawn.map((l) => l.line.text).join('')) });
  }
  return { lines: lines.slice(0, kept).map((l) => l.line), rest };
}

/** The text after as many of its characters as `drawn` has, spaces aside (wrapping drops them, and keeps the rest). */
function textAfter(text: string, drawn: string): string {
  let count = [...drawn].filter((c) => !/\s/u.test(c)).length;
  const chars = [...text];
  let at = 0;
  while (at < chars.length && count > 0) if (!/\s/u.test(chars[at++])) count--;
  return chars.slice(at).join('').replace(/^\s+/u, '');
}

/** Draws fitted lines from the top of the box down. */
export function drawFitted(page: Parameters<TextWriter['line']>[0], { lines }: FittedText, box: Box, writer: TextWriter, colors: { ink: Color; muted: Color }): void {
  let y = box.y + box.height;
  for (const line of lines) {
    y -= line.gap + line.size * LINE_HEIGHT;
    writer.line(page, line.text, box.x, y + line.size * 0.25, line.size, line.muted ? colors.muted : colors.ink);
  }
}

type Color = Parameters<TextWriter['line']>[5];

/** How far down the box the fitted lines reach. */
export function fittedHeight({ lines }: FittedText): number {
  return height(lines.map((line) => ({ line })));
}

function layBlocks(blocks: readonly TextBlock[], width: number, size: number, writer: TextWriter): Array<{ block: number; line: FittedLine }> {
  return blocks.flatMap((block, b) => {
    const at = block.small ? Math.max(MIN_TEXT_SIZE, size * SMALL_TEXT) : size;
    return writer.wrap(block.text, at, width).map((text, i) => ({ block: b, line: { text, size: at, muted: block.muted ?? false, gap: i === 0 && b > 0 ? BLOCK_GAP : 0 } }));
  });
}

function height(lines: ReadonlyArray<{ line: FittedLine }>): number {
  return lines.reduce((sum, { line }) => sum + line.gap + line.size * LINE_HEIGHT, 0);
}
