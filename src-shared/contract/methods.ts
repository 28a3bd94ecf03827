import { z } from 'zod';
import { method } from './define.ts';
import { ExportProblemSchema, ExportRequestSchema, PdfOptionsSchema } from '../domain/export.ts';
import { PdfPreviewSchema } from '../domain/pdf-preview.ts';
import {
  AddedModelSchema,
  BoardFieldsPatchSchema,
  CatalogueEntrySchema,
  DownloadPlanSchema,
  DownloadSchema,
  HardwareSchema,
  HubRepoSchema,
  HubStatusSchema,
  HubTokenSchema,
  PROVIDER_CHOICES,
  FrameSchema,
  FRAME_TEXT_MAX,
  IdSchema,
  JobSchema,
  ModelRecordSchema,
  ModelSpeedSchema,
  RenderSchema,
  StoryStateSchema,
  ProjectNameSchema,
  ProjectSchema,
  ProjectSummarySchema,
  ProjectWithFramesSchema,
  SceneHeadingSchema,
  SceneSchema,
  PromptTextSchema,
  ModelNameSchema,
  SeedSchema,
  SettingsPatchSchema,
  ScoringStatusSchema,
  StoryConsistencySchema,
} from '../domain/index.ts';

const Ok = z.strictObject({ ok: z.literal(true) });
const FrameText = z.string().max(FRAME_TEXT_MAX);
const Duration = z.number().int().min(1).max(600_000);
const ModelId = z.string().min(1);
const ModelName = z.string().trim().min(1).max(200);
const FolderPath = z.string().min(1, 'must name a folder');
/** What to fetch from the Hub; `files` default: the components the pipeline reads. */
const HubSelection = {
  repo: HubRepoSchema,
  /** branch, tag or commit; default main */
  revision: z.string().trim().min(1).max(200).optional(),
  files: z.array(z.string().min(1)).min(1).optional(),
  /** for gated or private repositories; kept in the secret store for later downloads */
  token: HubTokenSchema.optional(),
};

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
      /** omitted: the library's default model; null: none yet */
      modelId: z.string().min(1).nullable().optional(),
      settings: SettingsPatchSchema.optional(),
    }),
    ProjectSchema,
    "Create a project with the method defaults and, unless told otherwise, the library's default model.",
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
    }).extend(BoardFieldsPatchSchema.shape),
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
        /** keep the current render as it is, stale or not (see Frame.kept) */
        kept: z.boolean().optional(),
      }).extend(BoardFieldsPatchSchema.shape),
    }),
    FrameSchema,
    'Change a frame; `kept: true` keeps its current picture as it is (it needs one).',
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
  'scenes.list': method(z.strictObject({ projectId: IdSchema }), z.array(SceneSchema), "A story's scenes, oldest first."),
  'scenes.add': method(
    z.strictObject({
      projectId: IdSchema,
      heading: SceneHeadingSchema,
      /** frames that move into the new scene */
      frameIds: z.array(IdSchema).max(10_000).optional(),
    }),
    SceneSchema,
    'Add a scene heading; the frames named join it.',
  ),
  'scenes.update': method(
    z.strictObject({ id: IdSchema, patch: z.strictObject({ heading: SceneHeadingSchema.optional() }) }),
    SceneSchema,
    'Rename a scene.',
  ),
  'scenes.delete': method(z.strictObject({ id: IdSchema }), Ok, 'Delete a scene heading; its frames stay, in no scene.'),
  'renders.list': method(
    z.strictObject({ frameId: IdSchema }),
    z.array(RenderSchema),
    "A frame's variants, oldest first, with the consistency scores made by the library's scoring models (its CLIP, and its background remover or none).",
  ),
  'story.scores': method(
    z.strictObject({ projectId: IdSchema }),
    StoryConsistencySchema,
    "The story's consistency from its frames' current renders: mean pairwise CLIP-I (and DINOv2), each frame's similarity to the others with the drifting one flagged, CLIP-T; and where scoring stands.",
  ),
  'scores.compute': method(
    z.strictObject({ projectId: IdSchema }),
    ScoringStatusSchema,
    "Score the story's renders that have no scores yet (every variant), in the engine process once no job renders; scores.updated events tell the progress.",
  ),
  'scores.cancel': method(z.strictObject({ projectId: IdSchema }), ScoringStatusSchema, "Stop scoring the story's renders; those scored are kept."),
  'story.state': method(
    z.strictObject({ projectId: IdSchema }),
    StoryStateSchema,
    'How the prompts are consolidated (token meter, windows), which frames are stale and why (kept frames list their reasons but are not stale).',
  ),
  'exports.check': method(
    z.strictObject({ projectId: IdSchema }),
    z.strictObject({ frameCount: z.number().int().nonnegative(), problems: z.array(ExportProblemSchema) }),
    'Which frames are not generated or out of date, asked before exporting: the user then exports with placeholders for them, or does not.',
  ),
  'exports.pdfPreview': method(
    z.strictObject({ projectId: IdSchema, pdf: PdfOptionsSchema.optional() }),
    PdfPreviewSchema,
    "The PDF's pages as the PDF engine lays them out with these options, without making the file: each panel's frame, picture box and text lines (wrapped and sized as printed, with the panels where text continues), and the warnings the export will give. Frames not ready are laid out as the placeholders they would export as.",
  ),
  'exports.create': method(
    z.strictObject({ projectId: IdSchema, request: ExportRequestSchema }),
    z.strictObject({
      exportId: IdSchema,
      /** what the file should be called where the user keeps it */
      fileName: z.string().min(1),
      bytes: z.number().int().nonnegative(),
      /** frames exported as placeholders */
      problems: z.array(ExportProblemSchema),
      warnings: z.array(z.string()),
    }),
    "Write a story as a PDF storyboard, GIF, ZIP of frames, story strip or .onestory project file into this run's exports folder; the transport then hands it to the user (a download in browser mode, a save dialog in Electron).",
  ),
  'exports.cancel': method(
    z.strictObject({ exportId: IdSchema }),
    z.strictObject({ cancelled: z.boolean() }),
    'Stop an export being made (its id comes with its export.progress events): exports.create then fails and no file is written. false when it is not being made (finished, or unknown).',
  ),
  'exports.importProject': method(
    z.strictObject({ path: z.string().min(1, 'must name a .onestory file') }),
    z.strictObject({
      project: ProjectSchema,
      frames: z.number().int().nonnegative(),
      renders: z.number().int().nonnegative(),
      /** false when the file had been imported before, so everything got new ids */
      idsKept: z.boolean(),
      /** the model the story was made with, when this library does not have it (pick another, or add it) */
      missingModel: z.strictObject({ name: z.string(), family: z.string() }).nullable(),
    }),
    'Add the project in a .onestory file (from exports.create) to the library; a taken name gets "(imported)".',
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
    'Queued and running jobs (also those carried over from a run of Onestory that ended unexpectedly), then the most recent finished ones.',
  ),
  'jobs.cancel': method(z.strictObject({ id: IdSchema }), JobSchema, 'Cancel a queued or running job; the frames it stored before are kept, and its error says it was cancelled.'),
  'models.list': method(z.strictObject({}), z.array(ModelRecordSchema), 'The models in the library.'),
  'models.register': method(
    z.strictObject({ path: FolderPath, name: ModelName.optional() }),
    AddedModelSchema,
    'Add a model folder to the library in place (not copied), after validating it; warnings name the files it reads outside the folder (its links).',
  ),
  'models.import': method(
    z.strictObject({ path: FolderPath, mode: z.enum(['copy', 'register']).default('copy'), name: ModelName.optional() }),
    AddedModelSchema,
    "Validate a model folder, then copy it into the library's models folder (copy: a symbolic link is followed only inside the folder or its Hugging Face cache, else refused naming it) or use it in place (register: warnings name the files it reads outside the folder).",
  ),
  'models.cancelImport': method(
    z.strictObject({ importId: IdSchema }),
    z.strictObject({ ok: z.literal(true), cancelled: z.boolean() }),
    'Stop a models.import copy (named by its model.importProgress events): its copy is deleted and nothing is recorded. cancelled: false when it had already ended.',
  ),
  'models.remove': method(
    z.strictObject({ id: ModelId, deleteFiles: z.boolean().optional() }),
    z.strictObject({ ok: z.literal(true), filesDeleted: z.boolean() }),
    "Remove a model from the library; its folder is deleted only when asked and the model is deletable (the library made it, inside the models folder). Stories keep naming it (and say it is missing).",
  ),
  'models.optimize': method(
    z.strictObject({ id: ModelId, provider: z.enum(PROVIDER_CHOICES).optional() }),
    ModelSpeedSchema,
    "Make (or reuse) the model's derived copy for a provider (default: the one chosen in hardware.set) and time a few steps at a small size on this machine, with model.optimizeProgress events; the result is kept in the model's `speeds` (one per provider).",
  ),
  'models.cancelOptimize': method(
    z.strictObject({ id: ModelId }),
    z.strictObject({ ok: z.literal(true), cancelled: z.boolean() }),
    'Stop a models.optimize run of that model; nothing is recorded. cancelled: false when none was under way.',
  ),
  'models.rename': method(
    z.strictObject({ id: ModelId, name: ModelNameSchema }),
    ModelRecordSchema,
    'Rename a model in the library (at most 80 characters); no two models share a name (compared without case).',
  ),
  'models.setDefault': method(
    z.strictObject({ id: ModelId.nullable() }),
    Ok,
    'Choose the model new stories start with (null: none).',
  ),
  'models.catalogue': method(z.strictObject({}), z.array(CatalogueEntrySchema), 'Known ONNX exports on the Hugging Face Hub the pipeline can use.'),
  'models.downloadPlan': method(
    z.strictObject(HubSelection),
    DownloadPlanSchema,
    'What a download would fetch: the files, their size, and the free disk space.',
  ),
  'models.download': method(
    z.strictObject({ ...HubSelection, name: ModelName.optional() }),
    DownloadSchema,
    'Start downloading a model from the Hugging Face Hub (or resume the unfinished download of the same files); it joins the library once complete and valid.',
  ),
  'downloads.list': method(z.strictObject({}), z.array(DownloadSchema), 'Downloads, newest first.'),
  'downloads.pause': method(z.strictObject({ id: IdSchema }), DownloadSchema, 'Pause a download; its partial files are kept.'),
  'downloads.resume': method(z.strictObject({ id: IdSchema }), DownloadSchema, 'Continue a paused or failed download where its files stopped.'),
  'downloads.cancel': method(z.strictObject({ id: IdSchema }), DownloadSchema, 'Stop a download and delete its partial files.'),
  'hub.status': method(z.strictObject({}), HubStatusSchema, 'Which Hub the app talks to and whether an access token is stored.'),
  'hub.setToken': method(
    z.strictObject({ token: HubTokenSchema.nullable() }),
    HubStatusSchema,
    "Store the Hugging Face access token in the secret store (null forgets it).",
  ),
  'hardware.get': method(
    z.strictObject({}),
    HardwareSchema,
    'The execution providers onnxruntime-node offers here, the one chosen, and the one the last job ran on.',
  ),
  'hardware.set': method(
    z.strictObject({ provider: z.enum(PROVIDER_CHOICES) }),
    HardwareSchema,
    'Choose the execution provider for the next jobs; one that fails to start falls back to CPU, and hardware.get says why.',
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
