import { z } from 'zod';
import { method } from './define.ts';
import {
  FrameSchema,
  FRAME_TEXT_MAX,
  IdSchema,
  JobSchema,
  ModelRecordSchema,
  RenderSchema,
  StoryStateSchema,
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
  'frames.selectVariant': method(
    z.strictObject({ frameId: IdSchema, renderId: IdSchema }),
    FrameSchema,
    "Make one of a frame's renders its current variant.",
  ),
  'renders.list': method(z.strictObject({ frameId: IdSchema }), z.array(RenderSchema), "A frame's variants, oldest first."),
  'story.state': method(
    z.strictObject({ projectId: IdSchema }),
    StoryStateSchema,
    'How the prompts are consolidated (token meter, windows) and which frames are stale.',
  ),
  'jobs.generate': method(
    z.strictObject({
      projectId: IdSchema,
      /** default: every frame of the story */
      frameIds: z.array(IdSchema).min(1).optional(),
      /** `new` gives each frame a fresh seed (stored as its seed override) before rendering */
      seed: z.enum(['same', 'new']).optional(),
    }),
    JobSchema,
    'Queue a job that renders frames of a story; one job runs on the engine at a time.',
  ),
  'jobs.list': method(
    z.strictObject({ projectId: IdSchema.optional() }),
    z.array(JobSchema),
    'Queued and running jobs, then the most recent finished ones.',
  ),
  'jobs.cancel': method(z.strictObject({ id: IdSchema }), JobSchema, 'Cancel a queued or running job; nothing partial is stored.'),
  'models.list': method(z.strictObject({}), z.array(ModelRecordSchema), 'The models in the library.'),
  'models.register': method(
    z.strictObject({ path: z.string().min(1, 'must name a folder'), name: z.string().trim().min(1).max(200).optional() }),
    ModelRecordSchema,
    'Add a model folder to the library in place (not copied), after validating it.',
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
