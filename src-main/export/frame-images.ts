// The picture each frame contributes to an export: its render, visibly marked when it is out of date, or a
// neutral panel when it was never generated. Only used when the caller chose placeholders over failing. Raster
// formats get the marks burnt in here; the PDF draws them itself, as vector shapes and text (pdf/placeholders.ts).
import sharp from 'sharp';
import type { Step } from './progress.ts';
import type { StorySnapshot } from './snapshot.ts';

/** Used for placeholders when neither a render nor the project's settings give a size. */
const FALLBACK_SIZE = 512;

export interface FrameImage {
  png: Buffer;
  width: number;
  height: number;
}

/** What a placeholder says: shared by the marks burnt into pictures and the ones the PDF draws as text. */
export const PLACEHOLDER_TEXT = { missing: 'Not generated', stale: 'Out of date' } as const;
export type PlaceholderMark = keyof typeof PLACEHOLDER_TEXT;

/** A frame's render as stored, unmarked (null when never generated), with the mark it must carry. */
export interface FramePicture {
  png: Buffer | null;
  width: number;
  height: number;
  mark: PlaceholderMark | null;
}

/** Each frame's render and mark, in story order; placeholders take the size of the story's renders. */
export function framePictures(snapshot: StorySnapshot): FramePicture[] {
  const size = placeholderSize(snapshot);
  return snapshot.frames.map(({ render, png, state }) =>
    render && png ? { png, width: render.width, height: render.height, mark: state === 'stale' ? 'stale' : null } : { png: null, ...size, mark: 'missing' },
  );
}

/** One image per frame, in story order, at the render's own resolution, marks burnt in; `step` after each. */
export function frameImages(snapshot: StorySnapshot, step: Step = () => {}): Promise<FrameImage[]> {
  return Promise.all(
    framePictures(snapshot).map(async ({ png, width, height, mark }, j): Promise<FrameImage> => {
      const marked = png === null ? await notGeneratedPanel(j + 1, { width, height }) : mark === 'stale' ? await markedOutOfDate(png, { width }) : png;
      step();
      return { png: marked, width, height };
    }),
  );
}

function placeholderSize({ project, frames }: StorySnapshot): { width: number; height: number } {
  const rendered = frames.find((f) => f.render)?.render;
  if (rendered) return { width: rendered.width, height: rendered.height };
  return { width: project.settings.width ?? FALLBACK_SIZE, height: project.settings.height ?? FALLBACK_SIZE };
}

function notGeneratedPanel(number: number, { width, height }: { width: number; height: number }): Promise<Buffer> {
  const text = Math.round(Math.min(width, height) / 12);
  // The crossed box reads as "empty" even where no font can draw the words.
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="#e7e5e4"/>
    <path d="M0 0L${width} ${height}M${width} 0L0 ${height}" stroke="#d6d3d1" stroke-width="${Math.max(1, text / 8)}"/>
    <rect x="${text / 4}" y="${text / 4}" width="${width - text / 2}" height="${height - text / 2}" fill="none"
      stroke="#a8a29e" stroke-width="${Math.max(1, text / 10)}" stroke-dasharray="${text / 2} ${text / 3}"/>
    <g font-family="sans-serif" text-anchor="middle" fill="#57534e">
      <text x="50%" y="${height / 2}" font-size="${text}" font-weight="bold">${PLACEHOLDER_TEXT.missing}</text>
      <text x="50%" y="${height / 2 + text * 1.4}" font-size="${Math.round(text * 0.7)}">Frame ${number}</text>
    </g>
  </svg>`;
  return sharp(Buffer.from(svg)).flatten({ background: '#e7e5e4' }).png().toBuffer();
}

function markedOutOfDate(png: Buffer, { width }: { width: number }): Promise<Buffer> {
  const text = Math.max(10, Math.round(width / 18));
  const band = Math.round(text * 1.8);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${band}">
    <rect width="${width}" height="${band}" fill="#b45309" fill-opacity="0.85"/>
    <text x="${width / 2}" y="${band / 2 + text * 0.35}" font-family="sans-serif" font-size="${text}" font-weight="bold"
      text-anchor="middle" fill="#ffffff">${PLACEHOLDER_TEXT.stale}</text>
  </svg>`;
  return sharp(png)
    .composite([{ input: Buffer.from(svg), top: 0, left: 0 }])
    .flatten({ background: '#ffffff' })
    .png()
    .toBuffer();
}
