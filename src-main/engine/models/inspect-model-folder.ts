// Reads and validates a model folder without creating any session: the configs, each model.onnx's declared
// inputs and outputs, external weights and tokenizer files. The first problem found is thrown as a
// ModelFolderError that names the file.
import { stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { z } from 'zod';
import { ImageSideSchema } from '../../../src-shared/domain/index.ts';
import { readFailure } from '../files/regular-file.ts';
import { createScheduler } from '../schedulers/index.ts';
import { firstLine } from './component-session.ts';
import { familyDefaults, recognizeFamily } from './family.ts';
import { ipcaUnavailableReason } from './context-length.ts';
import { fixedDim, textEncoderIo, unetIo, vaeDecoderIo, type TextEncoderIo, type UnetIo } from './component-io.ts';
import { ModelFolderError, REEXPORT } from './model-folder-error.ts';
import { boundedConfig, readConfig, SchedulerConfigSchema, TextEncoderConfigSchema, UnetConfigSchema, VaeConfigSchema } from './config-bounds.ts';
import { ENCODER_FOLDERS, MODEL_FILE, checkExternalData, checkTokenizerFiles, isDirectory, readJsonObject, type EncoderFolders, type JsonObject } from './model-folder-files.ts';
import type { ModelInfo } from './model-types.ts';
import { readOnnxGraphIo } from './onnx-graph-io.ts';
import type { GraphSignature } from './value-signature.ts';

/** Where each component's files are, for loading. */
export interface ModelLayout {
  encoders: readonly (EncoderFolders & { modelPath: string; tokenizerDir: string })[];
  unetPath: string;
  vaeDecoderPath: string;
}

const MIXED_COMPONENTS = 'The components come from different models: use one complete export of a single model';
const DEFAULT_SCALING_FACTOR = 0.18215; // AutoencoderKL's default
const DEFAULT_VAE_SCALE = 8;

export async function inspectModelFolder(dir: string): Promise<ModelInfo> {
  return (await inspectModelLayout(dir)).info;
}

export async function inspectModelLayout(dir: string): Promise<{ info: ModelInfo; layout: ModelLayout }> {
  const root = resolve(dir);
  await checkFolder(root);
  const modelIndexPath = join(root, 'model_index.json');
  const modelIndex = await readJsonObject(modelIndexPath, false);
  if (modelIndex === null) {
    throw new ModelFolderError(modelIndexPath, 'the file is missing: this is not a diffusers/optimum ONNX model folder', `Choose the folder that holds model_index.json. ${REEXPORT}`);
  }
  const schedulerConfigPath = join(root, 'scheduler', 'scheduler_config.json');
  const schedulerConfig = await readConfig(schedulerConfigPath, SchedulerConfigSchema);
  const encoders = await readEncoders(root, (await hasSecondEncoder(root, modelIndex)) ? ENCODER_FOLDERS : ENCODER_FOLDERS.slice(0, 1));
  const twoEncoders = encoders.length === 2;

  const unet = { path: join(root, 'unet', MODEL_FILE), configPath: join(root, 'unet', 'config.json') };
  const unetGraph = await readGraph(unet.path);
  const unetConfig = await readConfig(unet.configPath, UnetConfigSchema);
  const vae = { path: join(root, 'vae_decoder', MODEL_FILE), configPath: join(root, 'vae_decoder', 'config.json') };
  vaeDecoderIo(await readGraph(vae.path), vae.path);
  const vaeConfig = await readConfig(vae.configPath, VaeConfigSchema);

  checkAddedConditions(unetGraph, twoEncoders, root, unet.path);
  const unetSignature = unetIo(unetGraph, unet.path, twoEncoders);
  const contextDim = checkWidths(encoders, unetSignature, unetConfig, unet);
  const recognized = recognizeFamily({
    names: [basename(root), String(modelIndex._name_or_path ?? '')],
    twoEncoders,
    contextDim,
    scheduler: schedulerConfig,
    vaeConfig,
  });
  const latentsMean = vaeConfig.latents_mean ?? null;
  const latentsStd = vaeConfig.latents_std ?? null;
  if (recognized.family === 'playground-v2.5') checkPlayground(unetSignature, latentsMean !== null && latentsStd !== null, unet.path, vae.configPath);

  const contextTokens = fixedDim(unetSignature.context, 1);
  const sampleSize = unetConfig.sample_size ?? null;
  const defaults = familyDefaults(recognized, sampleSize === null ? null : imageSize(sampleSize, vaeScale(vaeConfig.block_out_channels), unet.configPath));
  checkScheduler(schedulerConfig, defaults.steps, schedulerConfigPath);
  const info: ModelInfo = {
    dir: root,
    id: basename(root),
    family: recognized.family,
    defaults,
    schedulerConfig: { ...schedulerConfig },
    vaeScalingFactor: vaeConfig.scaling_factor ?? DEFAULT_SCALING_FACTOR,
    latentsMean,
    latentsStd,
    // diffusers' SDXL pipelines register true unless model_index.json says otherwise; SD 1.x/2.x have no such option.
    forceZerosForEmptyPrompt: twoEncoders && modelIndex.force_zeros_for_empty_prompt !== false,
    encoderWidths: encoders.map((e) => e.width),
    contextDim,
    usesAddedConditions: twoEncoders,
    contextTokens,
    ipcaUnavailableReason: ipcaUnavailableReason(contextTokens),
  };
  const layoutEncoders = encoders.map(({ encoder, tokenizer, modelPath, tokenizerDir }) => ({ encoder, tokenizer, modelPath, tokenizerDir }));
  return { info, layout: { encoders: layoutEncoders, unetPath: unet.path, vaeDecoderPath: vae.path } };
}

interface InspectedEncoder extends EncoderFolders {
  modelPath: string;
  tokenizerDir: string;
  io: TextEncoderIo;
  width: number;
}

async function readEncoders(root: string, folders: readonly EncoderFolders[]): Promise<InspectedEncoder[]> {
  const twoEncoders = folders.length === 2;
  const encoders: InspectedEncoder[] = [];
  for (const [index, folder] of folders.entries()) {
    const modelPath = join(root, folder.encoder, MODEL_FILE);
    const graph = await readGraph(modelPath);
    const tokenizerDir = join(root, folder.tokenizer);
    await checkTokenizerFiles(tokenizerDir);
    const io = textEncoderIo(graph, modelPath, { penultimate: twoEncoders, pooled: twoEncoders && index === 1 });
    const configPath = join(root, folder.encoder, 'config.json');
    const json = await readJsonObject(configPath, false);
    const config = json && boundedConfig(configPath, json, TextEncoderConfigSchema);
    const width = encoderWidth(io, modelPath, config?.hidden_size ?? null);
    encoders.push({ ...folder, modelPath, tokenizerDir, io, width });
  }
  return encoders;
}

/** The UNet's cross-attention takes the encoders' features joined, and SDXL's text_embeds encoder 2's projection. */
function checkWidths(encoders: readonly InspectedEncoder[], unet: UnetIo, unetConfig: z.output<typeof UnetConfigSchema>, paths: { path: string; configPath: string }): number {
  const widths = encoders.map((e) => e.width);
  const sum = widths.reduce((a, b) => a + b, 0);
  const contextDim = fixedDim(unet.context, 2) ?? unetConfig.cross_attention_dim ?? null;
  if (contextDim !== null && contextDim !== sum) {
    throw new ModelFolderError(paths.path, `the UNet's cross-attention takes ${contextDim} features but the text encoders give ${widths.join(' + ')} = ${sum}`, MIXED_COMPONENTS);
  }
  const pooled = encoders[1]?.io.pooled;
  const pooledWidth = pooled && fixedDim(pooled, 1);
  const textEmbedsWidth = unet.textEmbeds && fixedDim(unet.textEmbeds, 1);
  if (pooledWidth != null && textEmbedsWidth != null && pooledWidth !== textEmbedsWidth) {
    throw new ModelFolderError(paths.path, `text_embeds takes ${textEmbedsWidth} values but text_encoder_2 gives ${pooledWidth}`, MIXED_COMPONENTS);
  }
  return sum;
}

function checkPlayground(unet: UnetIo, hasLatentStats: boolean, unetPath: string, vaeConfigPath: string): void {
  if (unet.timestep.type === 'int64' || unet.timestep.type === 'int32') {
    throw new ModelFolderError(unetPath, "the UNet takes an integer timestep, but Playground v2.5's EDM timesteps are fractional", 'Re-export the UNet with a float timestep, as current optimum does');
  }
  if (!hasLatentStats) {
    throw new ModelFolderError(vaeConfigPath, 'Playground v2.5 needs latents_mean and latents_std in the VAE config', 'Copy vae/config.json from the original model');
  }
}

/** Pixels per latent: 2 per VAE up-block after the first, as diffusers computes it. */
function vaeScale(blocks: readonly number[] | null | undefined): number {
  return blocks ? 2 ** (blocks.length - 1) : DEFAULT_VAE_SCALE;
}

/** The model's default image side, which must be one the settings take. */
function imageSize(sampleSize: number, scale: number, unetConfigPath: string): number {
  const size = sampleSize * scale;
  const checked = ImageSideSchema.safeParse(size);
  if (!checked.success) {
    const problem = `"sample_size" ${sampleSize} × the VAE's scale ${scale} makes ${size} px images, which Onestory cannot make (${checked.error.issues[0].message})`;
    throw new ModelFolderError(unetConfigPath, problem, REEXPORT);
  }
  return size;
}

/** The scheduler the config names is built and stepped once here, so a config it cannot take is refused on import. */
function checkScheduler(config: JsonObject, steps: number, path: string): void {
  try {
    createScheduler(config).setTimesteps(steps);
  } catch (error) {
    throw new ModelFolderError(path, `the scheduler cannot be set up from it (${firstLine(error)})`, REEXPORT, { cause: error });
  }
}

async function checkFolder(root: string): Promise<void> {
  const remedy = 'Choose the folder that holds model_index.json';
  const stats = await stat(root).catch((error: unknown) => {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ModelFolderError(root, missing ? 'no such folder' : readFailure(error), remedy, { cause: error });
  });
  if (!stats.isDirectory()) throw new ModelFolderError(root, 'this is a file, not a folder', remedy);
}

async function readGraph(modelPath: string): Promise<GraphSignature> {
  const io = await readOnnxGraphIo(modelPath);
  await checkExternalData(modelPath, io.externalData);
  return io;
}

/** SDXL-shaped: model_index.json names a second text encoder, or its folder is there. */
async function hasSecondEncoder(root: string, modelIndex: JsonObject): Promise<boolean> {
  const entry = modelIndex.text_encoder_2;
  const listed = Array.isArray(entry) && entry.some((part) => part !== null);
  return listed || isDirectory(join(root, ENCODER_FOLDERS[1].encoder));
}

function checkAddedConditions(unet: GraphSignature, twoEncoders: boolean, root: string, unetPath: string): void {
  const takesAdded = unet.inputs.some((input) => input.name === 'text_embeds' || input.name === 'time_ids');
  if (takesAdded && !twoEncoders) {
    throw new ModelFolderError(join(root, ENCODER_FOLDERS[1].encoder), "the folder is missing: the UNet is SDXL's (it takes text_embeds and time_ids)", REEXPORT);
  }
  if (!takesAdded && twoEncoders) {
    throw new ModelFolderError(unetPath, 'the UNet does not take text_embeds and time_ids, which an SDXL model with two text encoders needs', MIXED_COMPONENTS);
  }
}

/** The conditioning width: the graph's fixed last axis, else the encoder's config (its hidden_size). */
function encoderWidth(io: TextEncoderIo, modelPath: string, hiddenSize: number | null): number {
  const fixed = fixedDim(io.hidden, 2);
  if (fixed !== null) return fixed;
  if (hiddenSize === null) {
    throw new ModelFolderError(modelPath, `the width of ${io.hidden.name} is not fixed in the graph and config.json gives no hidden_size`, REEXPORT);
  }
  return hiddenSize;
}
