// The messages between the main process and the engine process. Each side parses what it receives
// with these schemas: nothing crosses the boundary unchecked.
import { z } from 'zod';
import { describeZodError } from '../../../src-shared/contract/errors.ts';
import { AdapterReportSchema } from '../../../src-shared/domain/index.ts';
import { BytesSchema, FrameImageSchema, ModelInfoSchema, StoryProgressSchema, StoryRequestSchema, StoryResultSchema } from './payload-schemas.ts';

export const ENGINE_ERROR_CODES = ['cancelled', 'model', 'prompt', 'internal'] as const;
export type EngineErrorCode = (typeof ENGINE_ERROR_CODES)[number];

export const LOG_LEVELS = ['info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const JobIdSchema = z.string().min(1).max(64);

const EmbeddingSchema = z.array(z.number()).min(1);
/** One scored image: CLIP-T (100 · cosine with its text), its CLIP image embedding and, with DINOv2, that one's. */
export const ScoredImageSchema = z.strictObject({ clipT: z.number(), clip: EmbeddingSchema, dino: EmbeddingSchema.nullable() });
export type ScoredImage = z.infer<typeof ScoredImageSchema>;

export const EngineRequestSchema = z.discriminatedUnion('type', [
  /** `provider` overrides the execution provider the models module would choose; `derivedRoot`: where GPU copies are kept. */
  z.strictObject({
    type: z.literal('generate'),
    id: JobIdSchema,
    request: StoryRequestSchema,
    provider: z.string().min(1).optional(),
    derivedRoot: z.string().min(1).optional(),
  }),
  z.strictObject({ type: z.literal('cancel'), id: JobIdSchema }),
  /** validates a model folder without creating sessions */
  z.strictObject({ type: z.literal('inspect'), id: JobIdSchema, modelDir: z.string().min(1) }),
  /** describes this machine's WebGPU adapter (asked once per engine process; loads no model) */
  z.strictObject({ type: z.literal('describeDevice'), id: JobIdSchema }),
  /**
   * scores images with the scoring models (CPU): CLIP image embedding and CLIP-T against `text`, and the DINOv2
   * embedding when `dinoDir` is given; with `segmentationDir`, the identity embeddings are of the pictures with
   * their backgrounds removed. Queued like a job; the main process cancels it when a generation comes.
   */
  z.strictObject({
    type: z.literal('score'),
    id: JobIdSchema,
    clipDir: z.string().min(1),
    dinoDir: z.string().min(1).nullable(),
    segmentationDir: z.string().min(1).nullable(),
    items: z.array(z.strictObject({ png: BytesSchema, text: z.string() })).min(1),
  }),
  z.strictObject({ type: z.literal('shutdown') }),
]);
export type EngineRequest = z.infer<typeof EngineRequestSchema>;

export const EngineResponseSchema = z.discriminatedUnion('type', [
  /** sent once the engine listens; nothing is sent to it before */
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('progress'), id: JobIdSchema, progress: StoryProgressSchema }),
  z.strictObject({ type: z.literal('frame'), id: JobIdSchema, frame: FrameImageSchema }),
  z.strictObject({ type: z.literal('done'), id: JobIdSchema, result: StoryResultSchema }),
  z.strictObject({ type: z.literal('inspected'), id: JobIdSchema, info: ModelInfoSchema }),
  z.strictObject({ type: z.literal('device'), id: JobIdSchema, webGpu: AdapterReportSchema }),
  z.strictObject({ type: z.literal('scored'), id: JobIdSchema, results: z.array(ScoredImageSchema) }),
  z.strictObject({ type: z.literal('error'), id: JobIdSchema, code: z.enum(ENGINE_ERROR_CODES), message: z.string() }),
  z.strictObject({ type: z.literal('log'), level: z.enum(LOG_LEVELS), message: z.string() }),
]);
export type EngineResponse = z.infer<typeof EngineResponseSchema>;

export type ParseResult<T> = { ok: true; message: T } | { ok: false; error: string };

export function parseEngineRequest(raw: unknown): ParseResult<EngineRequest> {
  return parseWith(EngineRequestSchema, raw, 'message to the engine');
}

export function parseEngineResponse(raw: unknown): ParseResult<EngineResponse> {
  return parseWith(EngineResponseSchema, raw, 'message from the engine');
}

function parseWith<T>(schema: z.ZodType<T>, raw: unknown, what: string): ParseResult<T> {
  const parsed = schema.safeParse(raw);
  return parsed.success ? { ok: true, message: parsed.data } : { ok: false, error: describeZodError(parsed.error, what) };
}
