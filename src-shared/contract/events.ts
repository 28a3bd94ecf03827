import { z } from 'zod';
import { DownloadSchema, HardwareSchema, IdSchema, JobSchema, RenderSchema, ScoringStatusSchema } from '../domain/index.ts';

/**
 * Events the backend pushes to every connected client (WebSocket in browser mode, IPC in Electron).
 * `changed` lets other windows refresh after a mutation; job progress events join here with generation.
 */
export const eventSchemas = {
  'project.changed': z.strictObject({ projectId: IdSchema }),
  'projects.changed': z.strictObject({}),
  /** a job was queued, started, progressed, finished, failed or was cancelled */
  'job.updated': JobSchema,
  /** a small preview of a frame being denoised: a PNG as a data: URL */
  'job.preview': z.strictObject({ jobId: IdSchema, projectId: IdSchema, frameId: IdSchema, dataUrl: z.string().startsWith('data:image/png;base64,') }),
  /** a frame got a new variant, now its current one */
  'render.created': z.strictObject({ projectId: IdSchema, frameId: IdSchema, render: RenderSchema }),
  /** scoring a story's renders started, progressed (scores of more renders stored) or stopped */
  'scores.updated': ScoringStatusSchema,
  'models.changed': z.strictObject({}),
  /** a models.import copy progressed (sent while big folders are copied); models.cancelImport takes its importId */
  'model.importProgress': z.strictObject({ importId: IdSchema, source: z.string(), copiedBytes: z.number().int().nonnegative(), totalBytes: z.number().int().nonnegative() }),
  /** a models.optimize run got further: its copy is being made or loaded (preparing), or `step` of its timed steps ran */
  'model.optimizeProgress': z.strictObject({
    modelId: z.string().min(1),
    stage: z.enum(['preparing', 'measuring']),
    step: z.number().int().nonnegative(),
    totalSteps: z.number().int().positive(),
  }),
  /** a download started, progressed (per file and overall, with speed and ETA), paused, failed, was cancelled or finished */
  'download.updated': DownloadSchema,
  /** the chosen provider changed, or a job ran on another one than before (fallbackReason says why) */
  'hardware.updated': HardwareSchema,
  /** an exports.create call got further: the story was read, encoded, written (fraction 0..1) */
  'export.progress': z.strictObject({ exportId: IdSchema, projectId: IdSchema, fraction: z.number().min(0).max(1) }),
} as const;

export type EventName = keyof typeof eventSchemas;
export type EventPayload<E extends EventName> = z.output<(typeof eventSchemas)[E]>;
export interface EventMessage<E extends EventName = EventName> {
  event: E;
  payload: EventPayload<E>;
}
/** Any one event, narrowed by a switch on `event`. */
export type AnyEventMessage = { [E in EventName]: EventMessage<E> }[EventName];
