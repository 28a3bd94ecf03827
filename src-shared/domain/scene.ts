import { z } from 'zod';
import { IdSchema, TimestampSchema } from './ids.ts';

export const SCENE_HEADING_MAX = 300;

export const SceneHeadingSchema = z.string().trim().min(1, 'must not be empty').max(SCENE_HEADING_MAX);

/**
 * A scene groups frames under a heading ("INT. KITCHEN – NIGHT"). Frames point at their scene; the board
 * shows the heading as a row before each run of frames that belong to it, so scenes follow the frames' order.
 */
export const SceneSchema = z.strictObject({
  id: IdSchema,
  projectId: IdSchema,
  heading: SceneHeadingSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Scene = z.infer<typeof SceneSchema>;
