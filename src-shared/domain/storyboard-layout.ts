// Storyboard page geometry in PDF points (1/72 inch), origin at the bottom left as PDF has it. Shared, so the
// editor's preview of a PDF export places panels and text exactly where the PDF engine draws them.

export const PANELS_PER_PAGE = [1, 2, 4, 6, 9] as const;
export type PanelsPerPage = (typeof PANELS_PER_PAGE)[number];
export const PAPERS = ['a4', 'letter'] as const;
export type Paper = (typeof PAPERS)[number];
export const ORIENTATIONS = ['portrait', 'landscape'] as const;
export type Orientation = (typeof ORIENTATIONS)[number];

/** Portrait width × height. */
const PAPER_POINTS: Record<Paper, [number, number]> = { a4: [595.28, 841.89], letter: [612, 792] };

export const MARGIN = 36;
/** the band above the panels with the project's name and the page number */
export const HEADER_HEIGHT = 18;
const GUTTER = 14;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function pageSize(paper: Paper, orientation: Orientation): { width: number; height: number } {
  const [short, long] = PAPER_POINTS[paper];
  return orientation === 'portrait' ? { width: short, height: long } : { width: long, height: short };
}

/** Columns × rows; two and six panels stack along the page's long side. */
export function panelGrid(panels: PanelsPerPage, orientation: Orientation): { columns: number; rows: number } {
  const landscape = orientation === 'landscape';
  switch (panels) {
    case 1:
      return { columns: 1, rows: 1 };
    case 2:
      return landscape ? { columns: 2, rows: 1 } : { columns: 1, rows: 2 };
    case 4:
      return { columns: 2, rows: 2 };
    case 6:
      return landscape ? { columns: 3, rows: 2 } : { columns: 2, rows: 3 };
    case 9:
      return { columns: 3, rows: 3 };
  }
}

/** The panels of one page, left to right then top to bottom. */
export function panelBoxes(page: { width: number; height: number }, panels: PanelsPerPage, orientation: Orientation): Box[] {
  const { columns, rows } = panelGrid(panels, orientation);
  const top = page.height - MARGIN - HEADER_HEIGHT;
  const width = (page.width - 2 * MARGIN - (columns - 1) * GUTTER) / columns;
  const height = (top - MARGIN - (rows - 1) * GUTTER) / rows;
  return Array.from({ length: columns * rows }, (_, i) => {
    const column = i % columns;
    const row = Math.floor(i / columns);
    return { x: MARGIN + column * (width + GUTTER), y: top - (row + 1) * height - row * GUTTER, width, height };
  });
}

/** The largest box of the given aspect ratio inside `box`, centred horizontally and at its top. */
export function fitTop(box: Box, aspect: number): Box {
  const width = Math.min(box.width, box.height * aspect);
  const height = width / aspect;
  return { x: box.x + (box.width - width) / 2, y: box.y + box.height - height, width, height };
}

export interface PanelTextStyle {
  /** font size of the heading and caption, in points */
  size: number;
  /** how many lines each field may take */
  caption: number;
  prompt: number;
  notes: number;
}

/** Text sizes and line limits, by panels per page. */
export const PANEL_TEXT: Record<PanelsPerPage, PanelTextStyle> = {
  1: { size: 12, caption: 4, prompt: 4, notes: 6 },
  2: { size: 11, caption: 3, prompt: 3, notes: 4 },
  4: { size: 9.5, caption: 2, prompt: 2, notes: 3 },
  6: { size: 8.5, caption: 2, prompt: 2, notes: 2 },
  9: { size: 7.5, caption: 2, prompt: 2, notes: 2 },
};
/** line height, as a multiple of the font size */
export const LINE_HEIGHT = 1.25;
/** the prompt's and notes' size, relative to the caption's */
export const SMALL_TEXT = 0.85;

/** The room every panel reserves under its picture for its texts, so the pictures of a page line up. */
export function panelTextHeight(style: PanelTextStyle, show: { prompts: boolean; notes: boolean }): number {
  const small = style.size * SMALL_TEXT;
  return (
    4 +
    style.size * 1.4 +
    style.caption * style.size * LINE_HEIGHT +
    (show.prompts ? style.prompt * small * LINE_HEIGHT + 3 : 0) +
    (show.notes ? style.notes * small * LINE_HEIGHT + 3 : 0)
  );
}
