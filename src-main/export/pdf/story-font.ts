// The one font a storyboard's text is set in: PDF's built-in Helvetica when it can draw every character
// (no embedding needed), otherwise a subset of a system font that covers them (CJK captions get CJK glyphs).
import { readFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import { StandardFonts, type PDFDocument, type PDFFont } from 'pdf-lib';
import { systemFontCandidates, type FontFace } from './system-fonts.ts';

type FontkitFont = ReturnType<typeof fontkit.create>;
/** What fontkit returns for a .ttc/.otc file. */
interface FontCollection {
  fonts: FontkitFont[];
}

export interface StoryFont {
  font: PDFFont;
  /** the text with what the font cannot draw replaced by "?" (and said so in `warnings`) */
  drawable(text: string): string;
  warnings: string[];
}

/** Faces tried in order; each costs a file read, and the first ones are the likeliest. */
const MAX_FACES_TRIED = 8;
const REPLACEMENT = '?';

/** Picks and embeds the font for all of `texts`; `candidates` replaces the system lookup (tests). */
export async function embedStoryFont(
  doc: PDFDocument,
  texts: readonly string[],
  candidates: (codePoints: readonly number[]) => FontFace[] = systemFontCandidates,
): Promise<StoryFont> {
  const needed = distinctCodePoints(texts);
  const helvetica = await doc.embedFont(StandardFonts.Helvetica);
  const winAnsi = new Set(helvetica.getCharacterSet());
  if (needed.every((cp) => winAnsi.has(cp))) return { font: helvetica, drawable: (text) => text, warnings: [] };

  let best: (LoadedFace & { missing: number[] }) | undefined;
  for (const face of candidates(needed).slice(0, MAX_FACES_TRIED)) {
    const loaded = await loadFace(face).catch(() => undefined);
    if (!loaded) continue;
    const missing = needed.filter((cp) => !loaded.font.hasGlyphForCodePoint(cp));
    if (!best || missing.length < best.missing.length) best = { ...loaded, missing };
    if (missing.length === 0) break;
  }
  if (!best) return withReplacements(helvetica, needed.filter((cp) => !winAnsi.has(cp)));

  // pdf-lib would ask fontkit to parse the bytes again, which for a collection (.ttc) yields no single face:
  // it gets the face picked here.
  const chosen = best.font;
  doc.registerFontkit({ create: () => chosen });
  const embedded = await doc.embedFont(best.bytes, { subset: true });
  return withReplacements(embedded, best.missing);
}

function withReplacements(font: PDFFont, missing: readonly number[]): StoryFont {
  if (missing.length === 0) return { font, drawable: (text) => text, warnings: [] };
  const lacking = new Set(missing);
  const shown = String.fromCodePoint(...missing.slice(0, 20)) + (missing.length > 20 ? '…' : '');
  return {
    font,
    drawable: (text) => Array.from(text, (char) => (lacking.has(char.codePointAt(0)!) ? REPLACEMENT : char)).join(''),
    warnings: [
      `No font found on this system draws ${missing.length} of the characters in this story ("${shown}"); ` +
        `they show as "${REPLACEMENT}" in the PDF. Install a font that covers them (for Chinese, Japanese or Korean: Noto Sans CJK) and export again.`,
    ],
  };
}

interface LoadedFace {
  bytes: Buffer;
  font: FontkitFont;
}

async function loadFace(face: FontFace): Promise<LoadedFace> {
  const bytes = await readFile(face.path);
  const loaded: FontkitFont | FontCollection = fontkit.create(bytes);
  if (!isCollection(loaded)) return { bytes, font: loaded };
  const faces = loaded.fonts;
  const font = faces.find((f) => face.postscriptName !== undefined && f.postscriptName === face.postscriptName) ?? faces[face.index] ?? faces[0];
  return { bytes, font };
}

function isCollection(loaded: FontkitFont | FontCollection): loaded is FontCollection {
  return Array.isArray((loaded as Partial<FontCollection>).fonts);
}

/** Every character that will be drawn; spaces and line breaks are layout, not glyphs. */
function distinctCodePoints(texts: readonly string[]): number[] {
  const seen = new Set<number>();
  for (const text of texts) for (const char of text) if (!/\s/.test(char)) seen.add(char.codePointAt(0)!);
  return [...seen];
}
