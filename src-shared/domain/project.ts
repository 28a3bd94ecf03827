import { z } from 'zod';
import { IdSchema, TimestampSchema } from './ids.ts';
import { GenerationSettingsSchema } from './settings.ts';
import { FrameSchema } from './frame.ts';
import { SceneSchema } from './scene.ts';

export const PROJECT_NAME_MAX = 200;
/** Prompts are bounded generously; the token budget (77) is checked by the engine with a clear message. */
export const PROMPT_TEXT_MAX = 4000;

export const ProjectNameSchema = z.string().trim().min(1, 'must not be empty').max(PROJECT_NAME_MAX);
export const PromptTextSchema = z.string().max(PROMPT_TEXT_MAX);

export const ProjectSchema = z.strictObject({
  id: IdSchema,
  name: ProjectNameSchema,
  identityPrompt: PromptTextSchema,
  negativePrompt: PromptTextSchema,
  /** null until the user picks a model */
  modelId: z.string().min(1).nullable(),
  settings: GenerationSettingsSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Project = z.infer<typeof ProjectSchema>;

/** How many of a story's pictures the project list shows. */
export const PROJECT_THUMBNAILS = 6;

export const ProjectSummarySchema = ProjectSchema.pick({
  id: true,
  name: true,
  identityPrompt: true,
  modelId: true,
  createdAt: true,
  updatedAt: true,
}).extend({
  frameCount: z.number().int().nonnegative(),
  /** the current renders of the story's first frames that have one, in story order (at most PROJECT_THUMBNAILS), for the list's strip */
  thumbnailRenderIds: z.array(IdSchema),
});
export type ProjectSummary = z.infer<typeof ProjectSummarySchema>;

export const ProjectWithFramesSchema = z.strictObject({
  project: ProjectSchema,
  frames: z.array(FrameSchema),
  /** every scene of the story, oldest first; the board places each before its frames */
  scenes: z.array(SceneSchema),
});
export type ProjectWithFrames = z.infer<typeof ProjectWithFramesSchema>;
