import { z } from 'zod';
import { IdSchema } from './ids.ts';

/**
 * How a stale reason about the frame's window begins ("the story prompt changed: frame 3's prompt was edited"), so
 * the editor can explain, once, why one edit stales every frame of a consolidated prompt.
 */
export const STORY_PROMPT_REASON = 'the story prompt changed';

/** How the story's prompts are consolidated (the token meter), and each frame's state. */
export const StoryStateSchema = z.strictObject({
  projectId: IdSchema,
  /** content tokens one prompt can hold (77 − start − end) */
  capacity: z.number().int().positive(),
  identityTokens: z.number().int().nonnegative(),
  /** the distinct prompts the text encoders see: one, or one window per frame for long stories */
  prompts: z.array(
    z.strictObject({
      text: z.string(),
      frameIds: z.array(IdSchema),
      /** content tokens used (without start and end) */
      tokens: z.number().int().nonnegative(),
      /** what `text` joins: the identity prompt, then each frame's part as the model sees it (in frameIds' order) */
      parts: z.array(z.string()),
    }),
  ),
  frames: z.array(
    z.strictObject({
      frameId: IdSchema,
      tokens: z.number().int().nonnegative(),
      /** index into prompts, null when the story cannot be planned */
      promptIndex: z.number().int().nonnegative().nullable(),
      /** generating the frame now would not reproduce its current variant, and the user has not kept it */
      stale: z.boolean(),
      /**
       * Why the current variant differs from what generating now would make, one short sentence per field, in a
       * fixed order; listed for kept frames too. Empty when it is up to date or there is none.
       */
      staleReasons: z.array(z.string()),
      variantCount: z.number().int().nonnegative(),
    }),
  ),
  warnings: z.array(z.string()),
  /** reasons the story cannot be generated now, each saying what to change */
  errors: z.array(z.string()),
});
export type StoryState = z.infer<typeof StoryStateSchema>;
