// Line breaking for panel text: between words, and between any two CJK characters (which use no spaces).

/** Width of a string in points at the size being laid out. */
export type MeasureText = (text: string) => number;

const CJK = '\\u2E80-\\u303F\\u3040-\\u9FFF\\uAC00-\\uD7AF\\uF900-\\uFAFF\\uFE30-\\uFE4F\\uFF00-\\uFFEF\\u{20000}-\\u{3FFFF}';
/** A run of spaces, one CJK character, or a word of anything else. */
const UNITS = new RegExp(`\\s+|[${CJK}]|[^\\s${CJK}]+`, 'gu');
const ELLIPSIS = '…';

/**
 * The text as at most maxLines lines no wider than maxWidth; when it does not fit, the last line ends in "…".
 * Line breaks in the text start new lines.
 */
export function wrapText(text: string, measure: MeasureText, maxWidth: number, maxLines: number): string[] {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .flatMap((paragraph) => wrapParagraph(paragraph, measure, maxWidth));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = withEllipsis(kept[maxLines - 1], measure, maxWidth);
  return kept;
}

function wrapParagraph(paragraph: string, measure: MeasureText, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const unit of paragraph.match(UNITS) ?? []) {
    if (/^\s/.test(unit)) {
      if (line !== '') line += ' ';
      continue;
    }
    if (measure(line + unit) <= maxWidth) {
      line += unit;
      continue;
    }
    if (line.trim() !== '') lines.push(line.trimEnd());
    line = '';
    // A word wider than the line is broken wherever it has to be.
    for (const char of unit) {
      if (line !== '' && measure(line + char) > maxWidth) {
        lines.push(line);
        line = '';
      }
      line += char;
    }
  }
  lines.push(line.trimEnd());
  return lines;
}

function withEllipsis(line: string, measure: MeasureText, maxWidth: number): string {
  const chars = [...line.trimEnd()];
  while (chars.length > 0 && measure(chars.join('') + ELLIPSIS) > maxWidth) chars.pop();
  return chars.join('').trimEnd() + ELLIPSIS;
}
