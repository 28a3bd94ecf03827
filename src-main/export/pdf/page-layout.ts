// Storyboard page geometry in PDF points (1/72 inch), origin at the bottom left as PDF has it.

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
