// The PDF's layout as the export dialog previews it (exports.pdfPreview): the PDF engine's own pages, panels and
// text lines — already wrapped and sized — so the preview shows every line and page break the PDF will have.
import { z } from 'zod';
import { IdSchema } from './ids.ts';

/** In PDF points, origin at the page's bottom left (storyboard-layout.ts's Box). */
const BoxSchema = z.strictObject({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });

export const PreviewLineSchema = z.strictObject({
  text: z.string(),
  /** font size in points */
  size: z.number(),
  muted: z.boolean(),
  /** room above the line, in points, on top of its own height */
  gap: z.number(),
});
export type PreviewLine = z.infer<typeof PreviewLineSchema>;

const lines = z.array(PreviewLineSchema);

export const PreviewFieldSchema = z.strictObject({ label: z.string(), box: BoxSchema, text: BoxSchema, lines, ruled: z.boolean() });

export const PreviewPanelSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('grid'), frameId: IdSchema, picture: BoxSchema, text: BoxSchema, lines }),
  z.strictObject({ kind: z.literal('worksheet'), frameId: IdSchema, picture: BoxSchema, fields: z.array(PreviewFieldSchema) }),
  /** a panel carrying on the text of the frame before it, headed "Shot N (continued)" */
  z.strictObject({ kind: z.literal('continued'), frameId: IdSchema, text: BoxSchema, lines }),
]);
export type PreviewPanel = z.infer<typeof PreviewPanelSchema>;

export const PdfPreviewSchema = z.strictObject({
  /** the story pages; a title page, when asked for, comes before them */
  pages: z.array(z.strictObject({ scene: z.string().nullable(), panels: z.array(PreviewPanelSchema) })),
  /** what the export will say: text that continues on a later page, characters no installed font can draw */
  warnings: z.array(z.string()),
});
export type PdfPreview = z.infer<typeof PdfPreviewSchema>;
