import { z } from 'zod';
import { IdSchema, TimestampSchema } from './ids.ts';
import { SeedSchema } from './settings.ts';

export const FRAME_TEXT_MAX = 4000;
/** shot number, shot type, camera move and speaker: short labels */
export const FRAME_LABEL_MAX = 200;
export const DEFAULT_FRAME_DURATION_MS = 1000;

/** The shot types a board offers; free text is allowed too. */
export const SHOT_TYPES = ['ECU', 'CU', 'MCU', 'MS', 'MWS', 'WS', 'EWS', 'OTS', 'POV', 'insert', 'two-shot'] as const;
/** The camera moves a board offers; free text is allowed too. */
export const CAMERA_MOVES = ['static', 'pan', 'tilt', 'dolly', 'zoom', 'handheld', 'crane'] as const;

const FrameLabel = z.string().max(FRAME_LABEL_MAX);
const FrameText = z.string().max(FRAME_TEXT_MAX);

/** The board's fields of a frame: what a storyboard artist writes beside the picture. */
export const BoardFieldsSchema = z.strictObject({
  /** "1", "12A"…; follows the frame's place while shotNumberAuto */
  shotNumber: FrameLabel,
  /** true while shotNumber is the frame's place (1-based); setting shotNumber to "" returns to it */
  shotNumberAuto: z.boolean(),
  /** one of SHOT_TYPES or free text; empty when unset */
  shotType: FrameLabel,
  /** one of CAMERA_MOVES or free text; empty when unset */
  camera: FrameLabel,
  action: FrameText,
  dialogue: FrameText,
  /** who speaks the dialogue */
  speaker: FrameLabel,
  /** the scene this frame belongs to (a header row on the board), or none */
  sceneId: IdSchema.nullable(),
});
export type BoardFields = z.infer<typeof BoardFieldsSchema>;

/** What frames.add and frames.update take of the board fields; shotNumber "" returns to automatic numbering. */
export const BoardFieldsPatchSchema = BoardFieldsSchema.omit({ shotNumberAuto: true }).partial();
export type BoardFieldsPatch = z.infer<typeof BoardFieldsPatchSchema>;

export const FrameSchema = z.strictObject({
  id: IdSchema,
  projectId: IdSchema,
  /** 0-based place in the story; positions of a project are always 0..n-1 */
  position: z.number().int().nonnegative(),
  prompt: FrameText,
  caption: FrameText,
  notes: FrameText,
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
}).extend(BoardFieldsSchema.shape);
export type Frame = z.infer<typeof FrameSchema>;

/** The board fields of a new frame: nothing written yet, numbered by its place. */
export function emptyBoardFields(position: number): BoardFields {
  return { shotNumber: String(position + 1), shotNumberAuto: true, shotType: '', camera: '', action: '', dialogue: '', speaker: '', sceneId: null };
}

type Placed = BoardFields & { position: number };

/** The frame at a new place: an automatic shot number follows it. */
export function placeFrame<F extends Placed>(frame: F, position: number): F {
  return { ...frame, position, shotNumber: frame.shotNumberAuto ? String(position + 1) : frame.shotNumber };
}

/** The frame with the patch's fields (undefined ones left as they are); a blank shot number returns to automatic numbering. */
export function patchFrame<F extends Placed>(frame: F, patch: { [K in keyof F]?: F[K] | undefined }): F {
  const next: F = { ...frame };
  const { shotNumber, ...rest } = patch;
  for (const [key, value] of Object.entries(rest)) if (value !== undefined) Object.assign(next, { [key]: value });
  if (shotNumber !== undefined) {
    const number = shotNumber.trim();
    next.shotNumberAuto = number === '';
    next.shotNumber = number || String(frame.position + 1);
  }
  return next;
}
