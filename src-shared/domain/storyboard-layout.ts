// Storyboard page geometry in PDF points (1/72 inch), origin at the bottom left as PDF has it. Shared, so the
// editor's preview of a PDF export places panels and text exactly where the PDF engine draws them.

export const PANELS_PER_PAGE = [1, 2, 3, 4, 6, 9] as const;
export type PanelsPerPage = (typeof PANELS_PER_PAGE)[number];
/** A grid of so many panels a page, or the worksheet: rows of picture and boxes for the shot's fields and notes. */
export const PDF_LAYOUTS = [...PANELS_PER_PAGE, 'worksheet'] as const;
export type PdfLayout = (typeof PDF_LAYOUTS)[number];
/** Worksheet rows a page. */
const WORKSHEET_ROWS: Record<Orientation, number> = { portrait: 3, landscape: 2 };
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
    case 3:
      return landscape ? { columns: 3, rows: 1 } : { columns: 1, rows: 3 };
    case 4:
      return { columns: 2, rows: 2 };
    case 6:
      return landscape ? { columns: 3, rows: 2 } : { columns: 2, rows: 3 };
    case 9:
      return { columns: 3, rows: 3 };
  }
}

/** The panels of one page, left to right then top to bottom; a worksheet's are its rows. */
export function panelBoxes(page: { width: number; height: number }, layout: PdfLayout, orientation: Orientation): Box[] {
  const { columns, rows } = layout === 'worksheet' ? { columns: 1, rows: WORKSHEET_ROWS[orientation] } : panelGrid(layout, orientation);
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

/** Text sizes in points: the base a panel's text starts at, and the least it shrinks to before continuing elsewhere. */
export const PANEL_TEXT_SIZE: Record<PdfLayout, number> = { 1: 12, 2: 11, 3: 10, 4: 9.5, 6: 8.5, 9: 7.5, worksheet: 10 };
export const MIN_TEXT_SIZE = 5;
/** The share of a grid panel's height kept for its text under the picture. */
const TEXT_SHARE: Record<PanelsPerPage, number> = { 1: 0.2, 2: 0.3, 3: 0.3, 4: 0.36, 6: 0.4, 9: 0.42 };
/** line height, as a multiple of the font size */
export const LINE_HEIGHT = 1.25;
/** the prompt's and notes' size, relative to the caption's */
export const SMALL_TEXT = 0.85;
/** between a panel's picture and its text */
const PICTURE_GAP = 4;

/** A grid panel's picture (at its top, of the render's shape) and the text box under it, as wide as the panel. */
export function gridPanel(box: Box, panels: PanelsPerPage, aspect: number): { picture: Box; text: Box } {
  const textHeight = box.height * TEXT_SHARE[panels];
  const picture = fitTop({ ...box, y: box.y + textHeight, height: box.height - textHeight }, aspect);
  return { picture, text: { x: box.x, y: box.y, width: box.width, height: picture.y - box.y - PICTURE_GAP } };
}

/** A worksheet row's parts: the picture on the left; on the right the shot and shot type boxes, action, dialogue and notes. */
export interface WorksheetRow {
  picture: Box;
  shot: Box;
  shotType: Box;
  action: Box;
  dialogue: Box;
  notes: Box;
}

export function worksheetRow(box: Box, aspect: number): WorksheetRow {
  const left = box.width * 0.42;
  const picture = fitTop({ ...box, width: left }, aspect);
  const x = box.x + left + GUTTER;
  const width = box.x + box.width - x;
  const top = box.y + box.height;
  const label = 28;
  const rest = box.height - label - 3 * 4;
  const action = rest * 0.3;
  const dialogue = rest * 0.38;
  return {
    picture,
    shot: { x, y: top - label, width: width * 0.3 - 2, height: label },
    shotType: { x: x + width * 0.3 + 2, y: top - label, width: width * 0.7 - 2, height: label },
    action: { x, y: top - label - 4 - action, width, height: action },
    dialogue: { x, y: top - label - 8 - action - dialogue, width, height: dialogue },
    notes: { x, y: box.y, width, height: rest - action - dialogue },
  };
}
