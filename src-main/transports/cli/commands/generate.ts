// `onestory generate`: one story from a model folder straight to PNG files and a story.json record.
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import sharp from 'sharp';
import {
  ASPECT_PRESET_IDS,
  DEFAULT_SETTINGS,
  IPCA_MODES,
  NOISE_MODES,
  PROVIDER_CHOICES,
  REWEIGHT_MODES,
  SCHEDULER_CHOICES,
  applySettingsPatch,
  presetSize,
  type AspectPresetId,
  type GenerationSettings,
  type IpcaMode,
  type NoiseMode,
  type ReweightMode,
  type SchedulerChoice,
  type SettingsPatch,
} from '../../../../src-shared/domain/index.ts';
import { runSummary } from '../../../../src-shared/format/device.ts';
import type { ModelInfo } from '../../../engine/models/index.ts';
import type { FrameImage, StoryProgress, StoryRequest, StoryResult } from '../../../engine/pipeline/index.ts';
import { EngineClient, nodeEngineSpawner } from '../../../engine/process/index.ts';
import type { ApiClient } from '../../../../src-shared/contract/index.ts';
import { formatCount } from '../../../../src-shared/format/quantities.ts';
import type { Subscribe } from '../follow.ts';
import { collect, decimal, frameNumbers, integer, pixels } from '../option-values.ts';
import { CliExit, EXIT_INTERRUPTED } from '../exit-codes.ts';
import type { CliIO } from '../output.ts';
import { progressBar } from '../progress-bar.ts';
import { generateProject, type ProjectGenerateOptions } from './generate-project.ts';

interface GenerateOptions {
  model: string;
  id: string;
  /** the story's project, instead of a model folder */
  project?: string;
  frame: string[];
  negative: string;
  out: string;
  seed?: number;
  steps?: number;
  guidance?: number;
  width?: number;
  height?: number;
  aspect?: AspectPresetId;
  scheduler?: SchedulerChoice;
  reweight?: ReweightMode;
  alpha?: number;
  beta?: number;
  alphaSuppress?: number;
  betaSuppress?: number;
  ipca?: IpcaMode;
  window?: number;
  noise?: NoiseMode;
  batch?: number;
  provider?: string;
  preset?: 'paper';
}

/** The engine runs in its own process, as in the app: a native crash there ends with a message, not a core dump here. */
async function withEngine<T>(use: (engine: EngineClient) => Promise<T>): Promise<T> {
  const engine = new EngineClient(nodeEngineSpawner());
  try {
    return await use(engine);
  } finally {
    await engine.dispose();
  }
}

/** Options that only make a story from a model folder; a library story has its own settings. */
const FOLDER_OPTIONS = ['model', 'id', 'frame', 'negative', 'out', 'seed', 'steps', 'guidance', 'width', 'height', 'aspect', 'scheduler', 'reweight', 'alpha', 'beta', 'alphaSuppress', 'betaSuppress', 'ipca', 'window', 'noise', 'batch', 'provider', 'preset'];
const PROJECT_OPTIONS = ['frames', 'stale'];

export function registerGenerateCommand(program: Command, client: () => ApiClient, subscribe: () => Subscribe, io: CliIO): void {
  program
    .command('generate')
    .description(
      'generate a library story through the job queue, stored with the project (--project), ' +
        'or a story from a model folder into PNG files and story.json (--model, --id, --frame …, --out)',
    )
    .option('--project <id|name>', 'a project in the library: render its frames with its settings, as the app does')
    .option('--frames <list>', 'with --project: only these frames, by number, like 1,3-5 (default: every frame not kept)', frameNumbers)
    .option('--stale', 'with --project: only the frames not generated yet or out of date (kept frames stay as they are)')
    .option('--model <dir>', 'ONNX model folder (diffusers/optimum layout)')
    .option('--id <text>', 'identity prompt: the subject that stays the same')
    .option('--frame <text>', 'a frame prompt; repeat for each frame (at least one)', collect, [])
    .option('--negative <text>', 'negative prompt', '')
    .option('--out <dir>', 'folder for frame-01.png …, story.png and story.json')
    .option('--seed <n>', 'random seed', integer(0, Number.MAX_SAFE_INTEGER))
    .option('--steps <n>', 'denoising steps (default: the model’s)', integer(1, 500))
    .option('--guidance <g>', 'guidance scale; ≤ 1 turns guidance off (default: the model’s)', decimal(0, 50))
    .option('--width <px>', 'image width, a multiple of 8 (default: the model’s)', pixels)
    .option('--height <px>', 'image height, a multiple of 8 (default: the model’s)', pixels)
    .addOption(
      new Option('--aspect <ratio>', 'an aspect ratio at a size the model family was trained at (2.39:1 renders at 1024×432 on SD 1.x, 1536×640 on SDXL)')
        .choices(ASPECT_PRESET_IDS)
        .conflicts(['width', 'height']),
    )
    .addOption(new Option('--scheduler <name>', 'scheduler (default: the model’s own)').choices(SCHEDULER_CHOICES))
    .addOption(new Option('--reweight <mode>', `frame reweighting (default ${DEFAULT_SETTINGS.reweight.mode})`).choices(REWEIGHT_MODES))
    .option('--alpha <a>', `SVR enhance α (default ${DEFAULT_SETTINGS.reweight.alphaEnhance})`, decimal(0, 1))
    .option('--beta <b>', `SVR enhance β (default ${DEFAULT_SETTINGS.reweight.betaEnhance})`, decimal(0, 10))
    .option('--alpha-suppress <a>', `SVR suppress α′ (default ${DEFAULT_SETTINGS.reweight.alphaSuppress})`, decimal(0, 10))
    .option('--beta-suppress <b>', `SVR suppress β′ (default ${DEFAULT_SETTINGS.reweight.betaSuppress})`, decimal(0, 10))
    .addOption(new Option('--ipca <mode>', `identity-preserving cross-attention (default ${DEFAULT_SETTINGS.ipca})`).choices(IPCA_MODES))
    .option('--window <n>', `most frames per prompt before sliding windows (default ${DEFAULT_SETTINGS.windowLength})`, integer(1, 75))
    .addOption(
      new Option('--noise <mode>', `noise as torch.randn draws it: float16 matches PyTorch 2.x half-precision pipelines, float16-torch1 PyTorch 1.13 (default ${DEFAULT_SETTINGS.noise})`).choices(
        NOISE_MODES,
      ),
    )
    .option('--batch <n>', 'frames per UNet batch (default: from the image size)', integer(1, 64))
    .addOption(new Option('--provider <name>', 'execution provider (default auto); one that cannot start falls back to the CPU, and the summary says why').choices(PROVIDER_CHOICES))
    .addOption(new Option('--preset <name>', "the authors' settings: Euler (EDM DPM-Solver for Playground v2.5), 50 steps, guidance 5, 1024×1024").choices(['paper']))
    .action(async (opts: GenerateOptions & Partial<ProjectGenerateOptions>, command: Command) => {
      const given = (keys: string[]) => keys.filter((key) => command.getOptionValueSource(key) === 'cli');
      const option = (key: string) => command.options.find((o) => o.attributeName() === key);
      if (opts.project !== undefined) {
        const misplaced = given(FOLDER_OPTIONS);
        if (misplaced.length > 0) command.error(`error: ${option(misplaced[0])?.long} applies to generate --model only; a library story renders with its own settings`);
        return generateProject(client(), subscribe(), { project: opts.project, frames: opts.frames, stale: opts.stale }, io);
      }
      const misplaced = given(PROJECT_OPTIONS);
      if (misplaced.length > 0) command.error(`error: ${option(misplaced[0])?.long} applies to generate --project only`);
      for (const required of ['model', 'id', 'out'] as const) {
        if (opts[required] === undefined) command.error(`error: required option '${option(required)?.flags}' not specified (or give --project to generate a library story)`);
      }
      if (opts.frame.length === 0) command.error("error: required option '--frame <text>' not specified (give one per frame)");
      await withEngine((engine) => generateInto(engine, opts, io));
    });
}

async function generateInto(engine: EngineClient, opts: GenerateOptions, io: CliIO): Promise<void> {
  await checkOutFolder(opts.out);
  const info = await engine.inspect(opts.model);
  checkIpcaAvailable(opts.ipca, info);
  const request: StoryRequest = {
    modelDir: opts.model,
    identityPrompt: opts.id,
    framePrompts: opts.frame,
    negativePrompt: opts.negative,
    settings: settingsFrom(opts, info),
    batchSize: opts.batch,
  };
  await mkdir(opts.out, { recursive: true });
  const names = frameFileNames(opts.frame.length);
  const written: Promise<void>[] = [];
  const controller = new AbortController();
  const cancel = () => controller.abort();
  process.once('SIGINT', cancel);
  const progress = progressBar(io);
  let result: StoryResult;
  try {
    result = await engine.generate(
      request,
      {
        signal: controller.signal,
        onProgress: (p) => progress.update(p.fraction, describeProgress(p)),
        onFrame: (frame) => written.push(writeAtomically(join(opts.out, names[frame.frameIndex]), frame.png)),
      },
      { provider: opts.provider },
    );
  } catch (error) {
    if (!controller.signal.aborted) throw error;
    const kept = (await Promise.allSettled(written)).filter((w) => w.status === 'fulfilled').length;
    const done = kept === 0 ? 'no frame was written' : `${formatCount(kept, 'frame')} ${kept === 1 ? 'was' : 'were'} written to ${opts.out}`;
    throw new CliExit(EXIT_INTERRUPTED, `Cancelled; ${done}.`, { cause: error });
  } finally {
    process.off('SIGINT', cancel);
    progress.end();
    await Promise.allSettled(written);
  }
  await Promise.all(written);
  await writeAtomically(join(opts.out, 'story.png'), await sideBySide(result.frames));
  await writeAtomically(join(opts.out, 'story.json'), `${JSON.stringify(storyRecord(request, info, result, names), null, 2)}\n`);
  for (const warning of result.warnings) io.err(`warning: ${warning}`);
  io.out(
    [
      `Wrote ${formatCount(result.frames.length, 'frame')}, story.png and story.json to ${opts.out}`,
      `  ${result.modelId} (${result.modelFamily}) on ${runSummary(result.provider, result.device, result.componentCalls)}, ${result.resolved.width}×${result.resolved.height}, ` +
        `${formatCount(result.resolved.steps, 'step')} of ${result.resolved.scheduler}` +
        (result.evaluationsPerFrame === result.resolved.steps ? '' : ` (${formatCount(result.evaluationsPerFrame, 'model call')} per frame)`) +
        `, guidance ${result.resolved.guidance}, seed ${result.settings.seed}`,
      `  ${(result.timings.totalMs / 1000).toFixed(1)} s, ${(result.timings.sessionMs / 1000).toFixed(1)} s in ONNX Runtime`,
    ].join('\n'),
  );
}

/** --out names a folder, made when missing: a file there would otherwise surface as a bare EEXIST. */
async function checkOutFolder(out: string): Promise<void> {
  const existing = await stat(out).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw new Error(`--out ${out} is a file, not a folder; choose a folder (it is made if missing) for the frames, story.png and story.json`);
}

/** IPCA asked for by name fails where the model cannot run it; left to the default, the story runs with it off (a warning). */
function checkIpcaAvailable(ipca: IpcaMode | undefined, info: ModelInfo): void {
  if (ipca === undefined || ipca === 'off' || info.ipcaUnavailableReason === null) return;
  throw new Error(`--ipca ${ipca}: IPCA is unavailable for this model. ${info.ipcaUnavailableReason} Leave --ipca out, or give --ipca off, to render with IPCA off.`);
}

/** Defaults, then the preset, then the aspect ratio's size, then each option given. */
function settingsFrom(opts: GenerateOptions, info: ModelInfo): GenerationSettings {
  const preset: SettingsPatch =
    opts.preset === 'paper'
      ? { scheduler: info.family === 'playground-v2.5' ? 'edm-dpmpp-2m' : 'euler', steps: 50, guidance: 5, width: 1024, height: 1024 }
      : {};
  const aspect: SettingsPatch = opts.aspect ? { ...presetSize(opts.aspect, info.family), aspect: opts.aspect } : {};
  const given: SettingsPatch = {
    seed: opts.seed,
    steps: opts.steps,
    guidance: opts.guidance,
    width: opts.width,
    height: opts.height,
    scheduler: opts.scheduler,
    ipca: opts.ipca,
    windowLength: opts.window,
    noise: opts.noise,
    reweight: { mode: opts.reweight, alphaEnhance: opts.alpha, betaEnhance: opts.beta, alphaSuppress: opts.alphaSuppress, betaSuppress: opts.betaSuppress },
  };
  return applySettingsPatch(applySettingsPatch(applySettingsPatch(DEFAULT_SETTINGS, preset), aspect), withoutUndefined(given));
}

function withoutUndefined(patch: SettingsPatch): SettingsPatch {
  const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  return { ...defined(patch), reweight: defined(patch.reweight ?? {}) };
}

/** Everything needed to reproduce the story and to check what it cost. */
function storyRecord(request: StoryRequest, info: ModelInfo, result: StoryResult, names: readonly string[]) {
  return {
    model: { id: result.modelId, family: result.modelFamily, dir: info.dir, provider: result.provider },
    identityPrompt: request.identityPrompt,
    negativePrompt: request.negativePrompt,
    settings: result.settings,
    resolved: result.resolved,
    evaluationsPerFrame: result.evaluationsPerFrame,
    batchSize: request.batchSize ?? null,
    planHash: result.planHash,
    prompts: result.prompts,
    frames: result.frames.map((frame) => ({
      file: names[frame.frameIndex],
      prompt: request.framePrompts[frame.frameIndex],
      seed: frame.seed,
      promptIndex: frame.promptIndex,
      storyPrompt: frame.storyPrompt,
      partIndex: frame.partIndex,
    })),
    warnings: result.warnings,
    device: result.device,
    /** per component: items per session run (cut to the adapter's limit), and the provider each ran on */
    componentCalls: result.componentCalls,
    timings: result.timings,
    unetEvaluations: result.unetEvaluations,
    sessionRuns: result.sessionRuns,
  };
}

/** frame-01.png …, with as many digits as the story needs (at least two). */
function frameFileNames(count: number): string[] {
  const digits = Math.max(2, String(count).length);
  return Array.from({ length: count }, (_, j) => `frame-${String(j + 1).padStart(digits, '0')}.png`);
}

async function sideBySide(frames: readonly FrameImage[]): Promise<Uint8Array> {
  if (frames.length === 1) return frames[0].png; // sharp joins two images or more
  const pngs = frames.map((f) => Buffer.from(f.png.buffer, f.png.byteOffset, f.png.byteLength));
  return sharp(pngs, { join: { across: pngs.length } }).png().toBuffer();
}

/** A file appears whole or not at all (a cancelled or failed run leaves no half-written file). */
async function writeAtomically(path: string, data: Uint8Array | string): Promise<void> {
  const partial = `${path}.partial`;
  await writeFile(partial, data);
  await rename(partial, path);
}

/** "frames 1–3: step 2/3 (model call 3/5)": where a story's denoising is. */
function describeProgress(p: StoryProgress): string {
  const frames = p.frames.length === 1 ? `frame ${p.frames[0] + 1}` : `frames ${p.frames[0] + 1}–${p.frames[p.frames.length - 1] + 1}`;
  const calls = p.totalEvaluations === p.totalSteps ? '' : ` (model call ${p.evaluation + 1}/${p.totalEvaluations})`;
  return `${frames}: step ${p.step + 1}/${p.totalSteps}${calls}`;
}
