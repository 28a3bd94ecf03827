// Where to find a font for text the PDF's built-in fonts cannot draw (Chinese, Japanese, Korean, Cyrillic, …).
// No large font ships with the app: the system's own fonts are used.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** A face in a font file; a collection (.ttc) holds several, picked by PostScript name or else by index. */
export interface FontFace {
  path: string;
  index: number;
  postscriptName?: string;
}

/**
 * Faces that may cover the given characters, best first. With fontconfig (Linux, BSD, some macOS setups)
 * every installed font is ranked by how many of them it covers; elsewhere the usual CJK-capable fonts of
 * macOS and Windows are tried, whose coverage the caller checks.
 */
export function systemFontCandidates(codePoints: readonly number[]): FontFace[] {
  return fontconfigCandidates(codePoints) ?? knownFontFiles().filter((face) => existsSync(face.path));
}

interface ListedFont {
  face: FontFace;
  covered: number;
  /** lower is better: regular upright proportional TrueType first */
  styleRank: number;
}

/** How long fontconfig's listing is reused: the export preview asks on every change, and fonts are rarely installed meanwhile. */
const LISTING_TTL_MS = 60_000;
let cachedListing: { at: number; listing: string | null } | null = null;

/** fontconfig's listing of the installed fonts with their charsets; null when fontconfig is not installed. */
function fontconfigListing(): string | null {
  if (cachedListing && Date.now() - cachedListing.at < LISTING_TTL_MS) return cachedListing.listing;
  let listing: string | null;
  try {
    listing = execFileSync('fc-list', ['--format', '%{file}\\t%{index}\\t%{weight}\\t%{slant}\\t%{width}\\t%{spacing}\\t%{fontformat}\\t%{charset}\\n'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    listing = null;
  }
  cachedListing = { at: Date.now(), listing };
  return listing;
}

/** null when fontconfig is not installed. */
function fontconfigCandidates(codePoints: readonly number[]): FontFace[] | null {
  const listing = fontconfigListing();
  if (listing === null) return null;
  const fonts: ListedFont[] = [];
  for (const line of listing.split('\n')) {
    const [path, index, weight, slant, width, spacing, format, charset] = line.split('\t');
    if (!path || charset === undefined || !/\.(ttf|ttc|otf|otc)$/i.test(path)) continue;
    const ranges = parseCharset(charset);
    const covered = codePoints.filter((cp) => inRanges(cp, ranges)).length;
    if (covered === 0) continue;
    const styleRank =
      Math.abs(Number(weight) - 80) / 10 + // 80 = regular
      (slant === '0' ? 0 : 10) +
      Math.abs(Number(width) - 100) / 10 +
      (spacing === '100' ? 5 : 0) + // monospace
      (format === 'TrueType' ? 0 : 1); // CFF subsets are less widely tested with pdf-lib
    fonts.push({ face: { path, index: Number(index) || 0 }, covered, styleRank });
  }
  fonts.sort((a, b) => b.covered - a.covered || a.styleRank - b.styleRank || a.face.path.localeCompare(b.face.path));
  return fonts.map((f) => f.face);
}

/** Binary search: systems with thousands of fonts and texts with hundreds of distinct characters exist. */
function inRanges(cp: number, ranges: readonly [number, number][]): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (cp < ranges[mid][0]) high = mid - 1;
    else if (cp > ranges[mid][1]) low = mid + 1;
    else return true;
  }
  return false;
}

/** fontconfig's charset: ascending, space-separated hex code points and ranges ("20-7e a0 4e00-9fa5"). */
function parseCharset(charset: string): [number, number][] {
  return charset
    .split(/\s+/)
    .filter(Boolean)
    .map((range) => {
      const [from, to = from] = range.split('-');
      return [parseInt(from, 16), parseInt(to, 16)];
    });
}

function knownFontFiles(): FontFace[] {
  const face = (path: string, postscriptName?: string): FontFace => ({ path, index: 0, postscriptName });
  if (process.platform === 'darwin') {
    return [
      face('/System/Library/Fonts/PingFang.ttc', 'PingFangSC-Regular'),
      face('/System/Library/Fonts/Hiragino Sans GB.ttc', 'HiraginoSansGB-W3'),
      face('/System/Library/Fonts/STHeiti Light.ttc', 'STHeitiSC-Light'),
      face('/System/Library/Fonts/ヒラギノ角ゴシック W3.ttc', 'HiraginoSans-W3'),
      face('/System/Library/Fonts/AppleSDGothicNeo.ttc', 'AppleSDGothicNeo-Regular'),
      face('/Library/Fonts/Arial Unicode.ttf'),
      face('/System/Library/Fonts/Supplemental/Arial Unicode.ttf'),
      face('/System/Library/Fonts/Supplemental/Arial.ttf'),
    ];
  }
  if (process.platform === 'win32') {
    const fonts = join(process.env.WINDIR ?? 'C:\\Windows', 'Fonts');
    return [
      face(join(fonts, 'msyh.ttc'), 'MicrosoftYaHei'),
      face(join(fonts, 'msyh.ttf')),
      face(join(fonts, 'simsun.ttc'), 'SimSun'),
      face(join(fonts, 'YuGothR.ttc'), 'YuGothic-Regular'),
      face(join(fonts, 'msgothic.ttc'), 'MS-Gothic'),
      face(join(fonts, 'malgun.ttf')),
      face(join(fonts, 'arial.ttf')),
      face(join(fonts, 'segoeui.ttf')),
    ];
  }
  return [
    face('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'),
    face('/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'),
    face('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', 'WenQuanYiMicroHei'),
    face('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'),
  ];
}
