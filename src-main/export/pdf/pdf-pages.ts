// Panels onto pages, as data: which frame's panel lands in which box of which page, its texts fitted line by line,
// and where text that does not fit continues. The PDF is drawn from this (pdf-storyboard.ts) and the export dialog's
// preview shows the same layout (exports.pdfPreview), so the two never disagree on a line or a page.
import { startsScene } from '../../../src-shared/domain/board-text.ts';
import { gridPanel, PANEL_TEXT_SIZE, worksheetRow, type Box, type PdfLayout } from '../../../src-shared/domain/storyboard-layout.ts';
import type { StorySnapshot } from '../snapshot.ts';
import { continuedHeading, gridBlocks, type PanelShow } from './panel-texts.ts';
import { fitText, type FittedText, type TextBlock } from './text-fit.ts';
import type { TextWriter } from './text-writer.ts';
import { worksheetFields, type WorksheetField } from './worksheet.ts';

/** A frame's panel (its picture and texts), or a panel carrying on text of the frame before it. */
export type PanelLayout =
  | { kind: 'grid'; frameIndex: number; picture: Box; text: Box; fitted: FittedText }
  | { kind: 'worksheet'; frameIndex: number; picture: Box; fields: WorksheetField[] }
  | { kind: 'continued'; frameIndex: number; text: Box; fitted: FittedText };

export interface PageLayout {
  /** the heading of the scene the page's first panel belongs to */
  scene: string | null;
  panels: PanelLayout[];
}

export interface LayoutContext {
  show: PanelShow;
  writer: TextWriter;
  /** the number of the first story page (2 after a title page) */
  first: number;
  /** where text that continues on another page is reported */
  warnings: string[];
}

/**
 * A frame in a new scene starts a page (unless `show.sceneBreaks` is off: then its heading goes above the shot); a frame's text that does not fit its panel even at the least size carries
 * on in the panels after it, marked "(continued)", and a warning says where. `aspects`: each frame's picture, width
 * over height.
 */
export function layoutPages(snapshot: StorySnapshot, aspects: readonly number[], layout: PdfLayout, boxes: Box[], context: LayoutContext): PageLayout[] {
  const { show, writer, first, warnings } = context;
  const base = PANEL_TEXT_SIZE[layout];
  const headings = new Map(snapshot.scenes.map((s) => [s.id, s.heading]));
  const pages: PageLayout[] = [];
  const next = (scene: string | null): { page: number; box: Box; panels: PanelLayout[] } => {
    if (pages.length === 0 || pages[pages.length - 1].panels.length === boxes.length) pages.push({ scene, panels: [] });
    const page = pages[pages.length - 1];
    return { page: pages.length - 1, box: boxes[page.panels.length], panels: page.panels };
  };
  for (const [j, { frame }] of snapshot.frames.entries()) {
    const heading = frame.sceneId === null ? null : (headings.get(frame.sceneId) ?? null);
    const starts = startsScene(frame, snapshot.frames[j - 1]?.frame);
    if (show.sceneBreaks && pages.length > 0 && starts) pages.push({ scene: heading, panels: [] });
    const { box, panels } = next(heading);
    // without page breaks a page may hold several scenes: each one's heading goes above its first shot
    const inline = !show.sceneBreaks && starts ? heading : null;
    let rest: TextBlock[];
    if (layout === 'worksheet') {
      const row = worksheetRow(box, aspects[j]);
      const { fields, rest: left } = worksheetFields(frame, show, row, base, writer, inline);
      rest = left;
      panels.push({ kind: 'worksheet', frameIndex: j, picture: row.picture, fields });
    } else {
      const parts = gridPanel(box, layout, aspects[j]);
      const fitted = fitText(gridBlocks(frame, show, inline), parts.text, base, writer);
      rest = fitted.rest;
      panels.push({ kind: 'grid', frameIndex: j, picture: parts.picture, text: parts.text, fitted });
    }
    const told = new Set<string>();
    while (rest.length > 0) {
      const at = next(heading);
      for (const { field } of rest) {
        if (field && !told.has(field)) warnings.push(`Shot ${frame.shotNumber}'s ${field} continues on page ${at.page + first}.`);
        told.add(field);
      }
      const room = { ...at.box, height: at.box.height - 2 };
      const fitted = fitText([continuedHeading(frame), ...rest], room, base, writer);
      at.panels.push({ kind: 'continued', frameIndex: j, text: room, fitted });
      // A panel too small for a single line would never empty the rest.
      if (fitted.lines.length <= 1) throw new Error(`The PDF panel is too small to hold a line of shot ${frame.shotNumber}'s text.`);
      // The next panel has a heading of its own.
      rest = fitted.rest.filter((b) => b.field !== '');
    }
  }
  return pages;
}
