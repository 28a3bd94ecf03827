// Zod schemas of the engine's plain-data types, so whatever crosses the process boundary is checked
// against exactly the interfaces the pipeline and the models module declare.
import { z } from 'zod';
import { ComponentCallSchema, DeviceReportSchema, GenerationSettingsSchema, IPCA_MODES, SeedSchema } from '../../../src-shared/domain/index.ts';
import { MODEL_FAMILIES } from '../models/model-types.ts';
import type { ModelInfo } from '../models/model-types.ts';
import type { FrameImage, StoryProgress, StoryRequest, StoryResult } from '../pipeline/story-types.ts';

/** Image bytes travel as Uint8Array: both Node's 'advanced' IPC and Electron's structured clone keep them binary. */
export const BytesSchema = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected bytes (a Uint8Array)');
const Count = z.number().int().min(0);

export const StoryRequestSchema = z.strictObject({
  modelDir: z.string().min(1),
  identityPrompt: z.string(),
  framePrompts: z.array(z.string()),
  negativePrompt: z.string(),
  settings: GenerationSettingsSchema,
  frames: z.array(Count).optional(),
  seedOverrides: z.array(SeedSchema.nullable()).optional(),
  batchSize: z.number().int().min(1).optional(),
});

export const StoryProgressSchema = z.strictObject({
  frames: z.array(Count),
  step: Count,
  totalSteps: Count,
  evaluation: Count,
  totalEvaluations: Count,
  fraction: z.number().min(0).max(1),
  previews: z.array(BytesSchema).optional(),
});

export const FrameImageSchema = z.strictObject({
  frameIndex: Count,
  seed: SeedSchema,
  png: BytesSchema,
  width: Count,
  height: Count,
  promptIndex: Count,
  storyPrompt: z.string(),
  partIndex: Count,
  windowFrames: z.array(Count),
});

export const StoryResultSchema = z.strictObject({
  modelId: z.string(),
  modelFamily: z.string(),
  provider: z.string(),
  device: DeviceReportSchema,
  componentCalls: z.record(z.string(), z.array(ComponentCallSchema)),
  resolved: z.strictObject({ width: Count, height: Count, steps: Count, guidance: z.number(), scheduler: z.string(), ipca: z.enum(IPCA_MODES) }),
  evaluationsPerFrame: Count,
  settings: GenerationSettingsSchema,
  planHash: z.string(),
  prompts: z.array(z.strictObject({ text: z.string(), frames: z.array(Count) })),
  warnings: z.array(z.string()),
  frames: z.array(FrameImageSchema),
  timings: z.strictObject({
    totalMs: z.number(),
    sessionMs: z.number(),
    sessionMsByComponent: z.record(z.string(), z.number()),
    conditioningMsPerFrame: z.number(),
    samplingMs: z.number(),
  }),
  unetEvaluations: z.strictObject({ cond: Count, uncond: Count }),
  sessionRuns: z.record(z.string(), Count),
});

export const ModelInfoSchema = z.strictObject({
  dir: z.string(),
  id: z.string(),
  family: z.enum(MODEL_FAMILIES),
  defaults: z.strictObject({ width: Count, height: Count, steps: Count, guidance: z.number() }),
  schedulerConfig: z.record(z.string(), z.unknown()),
  vaeScalingFactor: z.number(),
  latentsMean: z.array(z.number()).nullable(),
  latentsStd: z.array(z.number()).nullable(),
  forceZerosForEmptyPrompt: z.boolean(),
  encoderWidths: z.array(Count),
  contextDim: Count,
  usesAddedConditions: z.boolean(),
  contextTokens: Count.nullable(),
  ipcaUnavailableReason: z.string().nullable(),
});

// Compile-time proof that each schema parses to exactly its interface: when either side changes,
// type-checking fails here instead of messages being rejected at run time.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _storyRequest: Exactly<z.infer<typeof StoryRequestSchema>, StoryRequest> = true;
const _storyProgress: Exactly<z.infer<typeof StoryProgressSchema>, StoryProgress> = true;
const _frameImage: Exactly<z.infer<typeof FrameImageSchema>, FrameImage> = true;
const _storyResult: Exactly<z.infer<typeof StoryResultSchema>, StoryResult> = true;
const _modelInfo: Exactly<z.infer<typeof ModelInfoSchema>, ModelInfo> = true;
