import { z } from 'zod';
import { IdSchema, TimestampSchema } from './ids.ts';
import { SeedSchema } from './settings.ts';

export const FRAME_TEXT_MAX = 4000;
export const DEFAULT_FRAME_DURATION_MS = 1000;

export const FrameSchema = z.strictObject({
  id: IdSchema,
  projectId: IdSchema,
  /** 0-based place in the story; positions of a project are always 0..n-1 */
  position: z.number().int().nonnegative(),
  prompt: z.string().max(FRAME_TEXT_MAX),
  caption: z.string().max(FRAME_TEXT_MAX),
  notes: z.string().max(FRAME_TEXT_MAX),
  durationMs: z.number().int().min(1).max(600_000),
  /** a frame may override the story's seed (regeneration with a new seed) */
  seedOverride: SeedSchema.nullable(),
  /** the variant shown for this frame; null until one is rendered */
  currentRenderId: IdSchema.nullable(),
  /**
   * The user accepts the current render as it is, stale or not: "regenerate stale" and "generate all" leave it,
   * exports show it without a placeholder. Cleared by the user, or when the frame gets a new render.
   */
  kept: z.boolean(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Frame = z.infer<typeof FrameSchema>;
