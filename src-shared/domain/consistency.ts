import { z } from 'zod';
import { IdSchema } from './ids.ts';

/**
 * Where scoring a story's renders stands (issue 16). Scoring runs in the engine process after generation, never
 * while a job renders: `waiting` while jobs hold the engine, `running` while it scores, `idle` when nothing is left
 * or it was cancelled. `noModels`: the library has no CLIP scoring model, so nothing can be scored.
 */
export const ScoringStatusSchema = z.strictObject({
  projectId: IdSchema,
  state: z.enum(['idle', 'waiting', 'running']),
  /** renders scored of those this run set out to score */
  scored: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  noModels: z.boolean(),
  /** why the last run stopped short (a model that failed to load, …); null when it did not */
  error: z.string().nullable(),
});
export type ScoringStatus = z.infer<typeof ScoringStatusSchema>;

export const FrameConsistencySchema = z.strictObject({
  frameId: IdSchema,
  renderId: IdSchema,
  /** 100 · CLIP cosine of the image and "identity prompt + frame prompt" as written */
  clipT: z.number(),
  /** mean CLIP image cosine to the other frames' current renders (null with no other scored frame) */
  clipI: z.number().nullable(),
  /** the same with DINOv2 (null without it) */
  dino: z.number().nullable(),
  /** the frame that drifts: the least similar to the others, clearly below the rest (needs three scored frames) */
  drifting: z.boolean(),
});
export type FrameConsistency = z.infer<typeof FrameConsistencySchema>;

/** A story's consistency from its frames' current renders (only those scored with the story's CLIP model). */
export const StoryConsistencySchema = z.strictObject({
  /** mean pairwise CLIP image cosine across the frames (null below two scored frames) */
  clipI: z.number().nullable(),
  /** mean pairwise DINOv2 cosine (null without DINOv2 or below two) */
  dino: z.number().nullable(),
  /** mean CLIP-T of the frames */
  clipT: z.number().nullable(),
  /** the names of the scoring models the figures come from */
  clipModel: z.string().nullable(),
  dinoModel: z.string().nullable(),
  /**
   * the background remover (its name) identity scores were measured through: each picture's background painted
   * white first, as the paper measures CLIP-I; null: whole pictures compared, backgrounds included
   */
  segmentationModel: z.string().nullable(),
  /** in story order */
  frames: z.array(FrameConsistencySchema),
  /** frames showing a render not scored yet (with these models) */
  unscored: z.number().int().nonnegative(),
  status: ScoringStatusSchema,
});
export type StoryConsistency = z.infer<typeof StoryConsistencySchema>;
