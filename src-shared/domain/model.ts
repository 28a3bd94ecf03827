import { z } from 'zod';
import { TimestampSchema } from './ids.ts';
import { ModelSpeedSchema } from './optimization.ts';

export const MODEL_SOURCES = ['imported', 'registered', 'downloaded'] as const;
/**
 * diffusion: renders stories; scoring: CLIP or DINOv2, measures their consistency, or a background remover that
 * isolates the character before identity scores (never offered for rendering)
 */
export const MODEL_KINDS = ['diffusion', 'scoring'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

/** A name the user gives a model (models.rename): short enough for the picker; unique in the library. */
export const MODEL_NAME_MAX = 80;
export const ModelNameSchema = z.string().trim().min(1, 'must not be empty').max(MODEL_NAME_MAX, `must be at most ${MODEL_NAME_MAX} characters`);

/**
 * A model in the library: a validated folder in the diffusers/optimum ONNX layout (diffusion), or a CLIP, DINOv2 or
 * background-removal ONNX export (scoring).
 */
export const ModelRecordSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string(),
  kind: z.enum(MODEL_KINDS),
  /** diffusion: sd1 | sd2 | sdxl | sdxl-turbo | playground-v2.5; scoring: clip | dinov2 | segmentation */
  family: z.string(),
  /** imported = copied into the library; registered = used in place; downloaded = from the Hub */
  source: z.enum(MODEL_SOURCES),
  path: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  addedAt: TimestampSchema,
  lastUsedAt: TimestampSchema.nullable(),
  /** the family's defaults, what "model default" settings resolve to (a scoring model: its input image size, one step) */
  defaults: z.strictObject({
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    steps: z.number().int().positive(),
    guidance: z.number(),
    scheduler: z.string(),
  }),
  /**
   * Why the editor cannot offer IPCA for this model, with the remedy (a UNet exported with a fixed 77-token
   * context); stories ask for it in vain and render with IPCA off. null when IPCA is available.
   */
  ipcaUnavailableReason: z.string().nullable(),
  /** measured by models.optimize, one per provider (the latest measurement of each) */
  speeds: z.array(ModelSpeedSchema),
  /** false when the folder has gone missing since it was added */
  available: z.boolean(),
  /** the library made the folder (imported or downloaded) */
  owned: z.boolean(),
  /** owned and inside the current models folder: removing may delete it (a folder left outside when the models folder moved is never deleted) */
  deletable: z.boolean(),
  /** the model new stories start with */
  isDefault: z.boolean(),
});
export type ModelRecord = z.infer<typeof ModelRecordSchema>;

/** A model just added (models.import, models.register): its record, and what the user should know about it. */
export const AddedModelSchema = ModelRecordSchema.extend({
  /** e.g. the files a folder used in place reads outside it (its links' targets) */
  warnings: z.array(z.string()),
});
export type AddedModel = z.infer<typeof AddedModelSchema>;

/** Sources whose folder the library made, and so may delete. */
export function isOwnedSource(source: ModelRecord['source']): boolean {
  return source !== 'registered';
}
