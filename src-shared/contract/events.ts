import { z } from 'zod';
import { IdSchema, JobSchema, RenderSchema } from '../domain/index.ts';

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
  'models.changed': z.strictObject({}),
} as const;

export type EventName = keyof typeof eventSchemas;
export type EventPayload<E extends EventName> = z.output<(typeof eventSchemas)[E]>;
export interface EventMessage<E extends EventName = EventName> {
  event: E;
  payload: EventPayload<E>;
}
