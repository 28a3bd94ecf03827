// `onestory generate`: one story from a model folder straight to PNG files and a story.json record.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import sharp from 'sharp';
import {
  DEFAULT_SETTINGS,
  IPCA_MODES,
  NOISE_MODES,
  REWEIGHT_MODES,
  SCHEDULER_CHOICES,
  applySettingsPatch,
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
import { processIO, type CliIO } from '../output.ts';

interface GenerateOptions {
  model: string;
  id: string;
  frame: string[];
  negative: string;
  out: string;
  seed?: number;
  steps?: number;
  guidance?: number;
  width?: number;
  height?: number;
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

export function registerGenerateCommand(program: Command, io: CliIO): void {
  program
    .command('generate')
    .description('generate a story from a model folder into PNG files and story.json')
    .requiredOption('--model <dir>', 'ONNX model folder (diffusers/optimum layout)')
    .requiredOption('--id <text>', 'identity prompt: the subject that stays the same')
    .option('--frame <text>', 'a frame prompt; repeat for each frame (at least one)', collect, [])
    .option('--negative <text>', 'negative prompt', '')
    .requiredOption('--out <dir>', 'folder for frame-01.png …, story.png and story.json')
    .option('--seed <n>', 'random seed', integer(0, Number.MAX_SAFE_INTEGER))
    .option('--steps <n>', 'denoising steps (default: the model’s)', integer(1, 500))
    .option('--guidance <g>', 'guidance scale; ≤ 1 turns guidance off (default: the model’s)', decimal(0, 50))
    .option('--width <px>', 'image width, a multiple of 8 (default: the model’s)', pixels)
    .option('--height <px>', 'image height, a multiple of 8 (default: the model’s)', pixels)
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
    .option('--provider <name>', 'execution provider: auto, cuda, dml, coreml, webgpu, cpu')
    .addOption(new Option('--preset <name>', "the authors' settings: Euler (EDM DPM-Solver for Playground v2.5), 50 steps, guidance 5, 1024×1024").choices(['paper']))
    .action(async (opts: GenerateOptions, command: Command) => {
      if (opts.frame.length === 0) command.error("error: required option '--frame <text>' not specified (give one per frame)");
      await withEngine((engine) => generateInto(engine, opts, io));
    });
}

async function generateInto(engine: EngineClient, opts: GenerateOptions, io: CliIO): Promise<void> {
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
  const progress = progressReporter(io);
  let result: StoryResult;
  try {
    result = await engine.generate(
      request,
      {
        signal: controller.signal,
        onProgress: progress.update,
        onFrame: (frame) => written.push(writeAtomically(join(opts.out, names[frame.frameIndex]), frame.png)),
      },
      { provider: opts.provider },
    );
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
      `Wrote ${result.frames.length} frames, story.png and story.json to ${opts.out}`,
      `  ${result.modelId} (${result.modelFamily}, ${runSummary(result.provider, result.device, result.componentCalls)}), ${result.resolved.width}×${result.resolved.height}, ` +
        `${result.resolved.steps} steps of ${result.resolved.scheduler}` +
        (result.evaluationsPerFrame === result.resolved.steps ? '' : ` (${result.evaluationsPerFrame} model calls per frame)`) +
        `, guidance ${result.resolved.guidance}, seed ${result.settings.seed}`,
      `  ${(result.timings.totalMs / 1000).toFixed(1)} s, ${(result.timings.sessionMs / 1000).toFixed(1)} s in ONNX Runtime`,
    ].join('\n'),
  );
}

/** IPCA asked for by name fails where the model cannot run it; left to the default, the story runs with it off (a warning). */
function checkIpcaAvailable(ipca: IpcaMode | undefined, info: ModelInfo): void {
  if (ipca === undefined || ipca === 'off' || info.ipcaUnavailableReason === null) return;
  throw new Error(`--ipca ${ipca}: IPCA is unavailable for this model. ${info.ipcaUnavailableReason} Leave --ipca out, or give --ipca off, to render with IPCA off.`);
}

/** Defaults, then the preset, then each option given. */
function settingsFrom(opts: GenerateOptions, info: ModelInfo): GenerationSettings {
  const preset: SettingsPatch =
    opts.preset === 'paper'
      ? { scheduler: info.family === 'playground-v2.5' ? 'edm-dpmpp-2m' : 'euler', steps: 50, guidance: 5, width: 1024, height: 1024 }
      : {};
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
  return applySettingsPatch(applySettingsPatch(DEFAULT_SETTINGS, preset), withoutUndefined(given));
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

/** A bar redrawn in place when stderr is a terminal; otherwise one plain line per step. */
function progressReporter(io: CliIO): { update(progress: StoryProgress): void; end(): void } {
  const describe = (p: StoryProgress) => {
    const frames = p.frames.length === 1 ? `frame ${p.frames[0] + 1}` : `frames ${p.frames[0] + 1}–${p.frames[p.frames.length - 1] + 1}`;
    const calls = p.totalEvaluations === p.totalSteps ? '' : ` (model call ${p.evaluation + 1}/${p.totalEvaluations})`;
    return `${frames}: step ${p.step + 1}/${p.totalSteps}${calls}`;
  };
  if (io !== processIO || !process.stderr.isTTY) return { update: (p) => io.err(`${Math.round(p.fraction * 100)}% ${describe(p)}`), end: () => {} };
  const width = 30;
  let drawn = false;
  return {
    update(p) {
      const filled = Math.round(p.fraction * width);
      process.stderr.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(p.fraction * 100)).padStart(3)}% ${describe(p)}\x1b[K`);
      drawn = true;
    },
    end: () => void (drawn && process.stderr.write('\n')),
  };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function integer(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    return n;
  };
}

function decimal(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`expected a number from ${min} to ${max}`);
    return n;
  };
}

function pixels(value: string): number {
  const n = integer(64, 4096)(value);
  if (n % 8 !== 0) throw new InvalidArgumentError('expected a multiple of 8');
  return n;
}
