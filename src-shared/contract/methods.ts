import { z } from 'zod';
import { method } from './define.ts';
import {
  FrameSchema,
  FRAME_TEXT_MAX,
  IdSchema,
  ProjectNameSchema,
  ProjectSchema,
  ProjectSummarySchema,
  ProjectWithFramesSchema,
  PromptTextSchema,
  SeedSchema,
  SettingsPatchSchema,
} from '../domain/index.ts';

const Ok = z.strictObject({ ok: z.literal(true) });
const FrameText = z.string().max(FRAME_TEXT_MAX);
const Duration = z.number().int().min(1).max(600_000);

/**
 * The API, declared once. The typed client, every transport's binding and all payload
 * validation derive from this object. Method names are `group.action`.
 */
export const contract = {
  'projects.list': method(z.strictObject({}), z.array(ProjectSummarySchema), 'All projects, most recently changed first.'),
  'projects.get': method(z.strictObject({ id: IdSchema }), ProjectWithFramesSchema, 'One project with its frames in story order.'),
  'projects.create': method(
    z.strictObject({
      name: ProjectNameSchema,
      identityPrompt: PromptTextSchema.optional(),
      negativePrompt: PromptTextSchema.optional(),
      modelId: z.string().min(1).nullable().optional(),
      settings: SettingsPatchSchema.optional(),
    }),
    ProjectSchema,
    'Create a project with the method defaults.',
  ),
  'projects.update': method(
    z.strictObject({
      id: IdSchema,
      patch: z.strictObject({
        name: ProjectNameSchema.optional(),
        identityPrompt: PromptTextSchema.optional(),
        negativePrompt: PromptTextSchema.optional(),
        modelId: z.string().min(1).nullable().optional(),
        settings: SettingsPatchSchema.optional(),
      }),
    }),
    ProjectSchema,
    'Change a project; settings may be patched partially.',
  ),
  'projects.delete': method(z.strictObject({ id: IdSchema }), Ok, 'Delete a project with its frames and renders.'),
  'projects.duplicate': method(
    z.strictObject({ id: IdSchema, name: ProjectNameSchema.optional() }),
    ProjectSchema,
    'Copy a project with its frames.',
  ),
  'frames.add': method(
    z.strictObject({
      projectId: IdSchema,
      prompt: FrameText,
      caption: FrameText.optional(),
      notes: FrameText.optional(),
      durationMs: Duration.optional(),
      /** insert before this position; default: at the end */
      position: z.number().int().nonnegative().optional(),
    }),
    FrameSchema,
    'Add a frame to a story.',
  ),
  'frames.update': method(
    z.strictObject({
      id: IdSchema,
      patch: z.strictObject({
        prompt: FrameText.optional(),
        caption: FrameText.optional(),
        notes: FrameText.optional(),
        durationMs: Duration.optional(),
        seedOverride: SeedSchema.nullable().optional(),
      }),
    }),
    FrameSchema,
    'Change a frame.',
  ),
  'frames.delete': method(z.strictObject({ id: IdSchema }), Ok, 'Delete a frame; later frames move up.'),
  'frames.reorder': method(
    z.strictObject({ id: IdSchema, toPosition: z.number().int().nonnegative() }),
    z.array(FrameSchema),
    'Move one frame to a new place in one atomic step; returns the story in its new order.',
  ),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(contract, name);
}
