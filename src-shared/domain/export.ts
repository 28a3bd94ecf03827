// What an export can be asked for: shared by the export engine, the contract and the editor's dialog.
import { z } from 'zod';
import { IdSchema } from './ids.ts';
import { ORIENTATIONS, PANELS_PER_PAGE, PAPERS, PDF_LAYOUTS } from './storyboard-layout.ts';

export const EXPORT_FORMATS = ['pdf', 'gif', 'zip', 'strip', 'project'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** fail: refuse while any frame is missing or stale; placeholder: export them with a visible mark instead. */
export const ON_PROBLEMS = ['fail', 'placeholder'] as const;
export type OnProblems = (typeof ON_PROBLEMS)[number];

export const GIF_WIDTH = { default: 512, min: 16, max: 4096 } as const;

/** A frame that cannot be exported as it is: never generated, or rendered from another version of the story. */
export const ExportProblemSchema = z.strictObject({
  frameId: IdSchema,
  /** 0-based place in the story */
  position: z.number().int().nonnegative(),
  kind: z.enum(['missing', 'stale']),
  /** for stale frames, why (story.state's staleReasons); empty for missing ones */
  reasons: z.array(z.string()),
});
export type ExportProblem = z.infer<typeof ExportProblemSchema>;

/**
 * Every field optional: the engine's defaults apply (6 per page, A4, landscape, prompts on, the rest off).
 * `panelsPerPage` is the older name of a grid layout, still taken; given with `layout`, the two must agree.
 */
export const PdfOptionsSchema = z.strictObject({
  layout: z.literal(PDF_LAYOUTS).optional(),
  panelsPerPage: z.literal(PANELS_PER_PAGE).optional(),
  paper: z.enum(PAPERS).optional(),
  orientation: z.enum(ORIENTATIONS).optional(),
  titlePage: z.boolean().optional(),
  prompts: z.boolean().optional(),
  notes: z.boolean().optional(),
  durations: z.boolean().optional(),
  /** each scene starts a new page, under its heading (default true); off: scenes run on, each heading above its first shot */
  sceneBreaks: z.boolean().optional(),
}).refine((o) => o.layout === undefined || o.panelsPerPage === undefined || o.layout === o.panelsPerPage, {
  message: 'layout and panelsPerPage disagree: give layout only (panelsPerPage is its older name)',
  path: ['panelsPerPage'],
});

export const GifOptionsSchema = z.strictObject({
  width: z.number().int().min(GIF_WIDTH.min).max(GIF_WIDTH.max).optional(),
  loop: z.boolean().optional(),
});

const OnProblemsSchema = z.enum(ON_PROBLEMS);

/** The project file carries every render as it is, so only the other formats ask what to do about problems. */
export const ExportRequestSchema = z.discriminatedUnion('format', [
  z.strictObject({ format: z.literal('pdf'), onProblems: OnProblemsSchema, pdf: PdfOptionsSchema.optional() }),
  z.strictObject({ format: z.literal('gif'), onProblems: OnProblemsSchema, gif: GifOptionsSchema.optional() }),
  z.strictObject({ format: z.enum(['zip', 'strip']), onProblems: OnProblemsSchema }),
  z.strictObject({ format: z.literal('project') }),
]);
export type ExportRequestInput = z.infer<typeof ExportRequestSchema>;
