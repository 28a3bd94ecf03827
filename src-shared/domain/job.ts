import { z } from 'zod';
import { IdSchema, TimestampSchema } from './ids.ts';

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const JobProgressSchema = z.strictObject({
  /** 0..1 over the whole job */
  fraction: z.number().min(0).max(1),
  /** frames being denoised right now */
  frameIds: z.array(IdSchema),
  step: z.number().int().nonnegative(),
  totalSteps: z.number().int().nonnegative(),
  /** estimated time left, null until it can be estimated */
  etaMs: z.number().nonnegative().nullable(),
  /** seconds per sampling step, a moving average over the last few; null until two steps have been timed */
  secondsPerStep: z.number().nonnegative().nullable().default(null),
});
export type JobProgress = z.infer<typeof JobProgressSchema>;

/** One unit of work on the engine: render some or all frames of a story. */
export const JobSchema = z.strictObject({
  id: IdSchema,
  projectId: IdSchema,
  /** in story order at the time the job was queued */
  frameIds: z.array(IdSchema),
  /** frames whose render is stored already */
  doneFrameIds: z.array(IdSchema),
  status: z.enum(JOB_STATUSES),
  createdAt: TimestampSchema,
  startedAt: TimestampSchema.nullable(),
  finishedAt: TimestampSchema.nullable(),
  progress: JobProgressSchema.nullable(),
  /** why it failed or was cancelled, for the user */
  error: z.string().nullable(),
  /** what the engine warned of once it finished (a component run on the CPU, a GPU provider refused), for the user */
  warnings: z.array(z.string()),
  /**
   * carried over from a run of Onestory that ended unexpectedly (the one running then renders only the
   * frames it had not stored); the editor says so once
   */
  resumed: z.boolean(),
});
export type Job = z.infer<typeof JobSchema>;
