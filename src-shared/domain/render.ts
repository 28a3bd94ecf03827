import { z } from 'zod';
import { IdSchema, TimestampSchema } from './ids.ts';
import { GenerationSettingsSchema, SeedSchema } from './settings.ts';

/** The largest render side Onestory makes (the settings' limit); a stored or imported render is never larger. */
export const RENDER_SIDE_MAX = 4096;
const RenderSideSchema = z.number().int().positive().max(RENDER_SIDE_MAX);

/**
 * The exact parameters that produced a render, enough to reproduce it: the resolved settings
 * (model defaults filled in), the model, the consolidated prompt (or window) and the frame's place in it.
 */
export const RenderParamsSchema = z.strictObject({
  modelId: z.string(),
  modelFamily: z.string(),
  settings: GenerationSettingsSchema,
  width: RenderSideSchema,
  height: RenderSideSchema,
  steps: z.number().int().positive(),
  guidance: z.number(),
  scheduler: z.string(),
  seed: SeedSchema,
  identityPrompt: z.string(),
  negativePrompt: z.string(),
  framePrompt: z.string(),
  /** the consolidated prompt this frame was conditioned on (its window for long stories) */
  storyPrompt: z.string(),
  /** index of this frame's part within storyPrompt (0 is the identity prompt) */
  partIndex: z.number().int().nonnegative(),
  /** hash of the story plan when it was queued (for reference; staleness compares the fields above) */
  planHash: z.string(),
  /**
   * The frames of storyPrompt after the identity, in order, as they were then: says which frame's edit made the
   * render stale. Absent in renders made before it was recorded.
   */
  window: z.array(z.strictObject({ frameId: IdSchema, prompt: z.string() })).optional(),
});
export type RenderParams = z.infer<typeof RenderParamsSchema>;

/**
 * A render's consistency scores (issue 16), present once the scoring models have run on it. Identity scores compare
 * it with the current variants of the story's other frames (for a variant: as if it were chosen).
 */
export const RenderScoresSchema = z.strictObject({
  /** 100 · CLIP cosine of the image and "identity prompt + frame prompt" as written */
  clipT: z.number(),
  /** mean CLIP image cosine to the other frames' current renders; null when none of them is scored */
  clipI: z.number().nullable(),
  /** the same with DINOv2; null without a DINOv2 model */
  dino: z.number().nullable(),
  clipModel: z.string(),
  dinoModel: z.string().nullable(),
  /** the background remover identity scores were measured through (backgrounds painted white); null: whole pictures */
  segmentationModel: z.string().nullable(),
});
export type RenderScores = z.infer<typeof RenderScoresSchema>;

export const RenderSchema = z.strictObject({
  id: IdSchema,
  frameId: IdSchema,
  createdAt: TimestampSchema,
  width: RenderSideSchema,
  height: RenderSideSchema,
  params: RenderParamsSchema,
  /** absent until scored (renders.list fills it in) */
  scores: RenderScoresSchema.optional(),
});
export type Render = z.infer<typeof RenderSchema>;
