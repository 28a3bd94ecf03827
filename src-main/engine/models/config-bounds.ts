// The numbers of a model's JSON configs, each held to a range that real Stable Diffusion models stay well inside: a
// config may be hostile or corrupt, and its numbers size arrays, images and messages. Keys not named here are kept
// as they are; a number out of range is a ModelFolderError naming the file, the key and the value.
import { z } from 'zod';
import { LATENT_CHANNELS } from './component-io.ts';
import { ModelFolderError, REEXPORT } from './model-folder-error.ts';
import { readJsonObject, type JsonObject } from './model-folder-files.ts';

/** SD and SDXL UNets have 3–4 blocks and their VAEs 4 (a VAE's scale is 2^(blocks − 1)). */
const MAX_BLOCKS = 8;
const MAX_CHANNELS = 8192;
/** hidden sizes and cross-attention widths: CLIP ViT-L 768, OpenCLIP bigG 1280, SDXL's joined 2048 */
const MAX_WIDTH = 16384;

const int = (min: number, max: number) => z.number().int().min(min).max(max);
const positive = (max: number) => z.number().positive().max(max);
/** One value for every block, or one per block. */
const perBlock = <T extends z.ZodType>(value: T) => z.union([value, z.array(value).min(1).max(MAX_BLOCKS)]);
const channelList = z.array(int(1, MAX_CHANNELS)).min(1).max(MAX_BLOCKS);
const channels = int(1, 64);

// Every key is nullish: diffusers writes null for "not set", and a key may be absent.
export const UnetConfigSchema = z.looseObject({
  /** latent pixels per side: the model's default image is this × the VAE's scale */
  sample_size: int(1, 4096).nullish(),
  in_channels: channels.nullish(),
  out_channels: channels.nullish(),
  block_out_channels: channelList.nullish(),
  layers_per_block: perBlock(int(1, 32)).nullish(),
  attention_head_dim: perBlock(int(1, 4096)).nullish(),
  num_attention_heads: perBlock(int(1, 4096)).nullish(),
  transformer_layers_per_block: perBlock(z.union([int(0, 64), z.array(int(0, 64)).max(64)])).nullish(),
  cross_attention_dim: int(1, MAX_WIDTH).nullish(),
  addition_time_embed_dim: int(1, MAX_WIDTH).nullish(),
  projection_class_embeddings_input_dim: int(1, 8 * MAX_WIDTH).nullish(),
  norm_num_groups: int(1, MAX_CHANNELS).nullish(),
  time_cond_proj_dim: int(1, MAX_WIDTH).nullish(),
});

export const VaeConfigSchema = z.looseObject({
  block_out_channels: channelList.nullish(),
  in_channels: channels.nullish(),
  out_channels: channels.nullish(),
  latent_channels: channels.nullish(),
  layers_per_block: int(1, 32).nullish(),
  norm_num_groups: int(1, MAX_CHANNELS).nullish(),
  sample_size: int(1, 16384).nullish(),
  scaling_factor: positive(100).nullish(),
  shift_factor: z.number().min(-100).max(100).nullish(),
  latents_mean: z.array(z.number().min(-1000).max(1000)).length(LATENT_CHANNELS).nullish(),
  latents_std: z.array(positive(1000)).length(LATENT_CHANNELS).nullish(),
});

export const TextEncoderConfigSchema = z.looseObject({
  hidden_size: int(1, MAX_WIDTH).nullish(),
  intermediate_size: int(1, 8 * MAX_WIDTH).nullish(),
  projection_dim: int(1, MAX_WIDTH).nullish(),
  num_hidden_layers: int(1, 256).nullish(),
  num_attention_heads: int(1, 1024).nullish(),
  vocab_size: int(1, 1_000_000).nullish(),
  /** CLIP's is 77; long-context variants a few hundred */
  max_position_embeddings: int(1, 4096).nullish(),
});

const probability = z.number().min(0).lt(1);
const MAX_TRAIN_TIMESTEPS = 10_000;

export const SchedulerConfigSchema = z.looseObject({
  num_train_timesteps: int(2, MAX_TRAIN_TIMESTEPS).nullish(),
  beta_start: probability.nullish(),
  beta_end: probability.nullish(),
  trained_betas: z.array(probability).min(2).max(MAX_TRAIN_TIMESTEPS).nullish(),
  steps_offset: int(0, 1000).nullish(),
  original_inference_steps: int(1, 1000).nullish(),
  solver_order: int(1, 3).nullish(),
  sigma_min: positive(10_000).nullish(),
  sigma_max: positive(10_000).nullish(),
  sigma_data: positive(100).nullish(),
  rho: positive(100).nullish(),
  timestep_scaling: positive(10_000).nullish(),
  sample_max_value: positive(10_000).nullish(),
  clip_sample_range: positive(10_000).nullish(),
  dynamic_thresholding_ratio: z.number().positive().max(1).nullish(),
});

/** A config file that must be there, read and checked against `schema`. */
export async function readConfig<T extends z.ZodType<JsonObject>>(path: string, schema: T): Promise<z.output<T>> {
  return boundedConfig(path, await readJsonObject(path, true), schema);
}

/** `config` (read from `path`) checked against `schema`; the first problem names the key and what it holds. */
export function boundedConfig<T extends z.ZodType<JsonObject>>(path: string, config: JsonObject, schema: T): z.output<T> {
  const parsed = schema.safeParse(config);
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  const key = issue.path.map(String).join('.');
  const message = issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
  throw new ModelFolderError(path, `"${key}" is ${describe(valueAt(config, issue.path))}: ${message}`, REEXPORT);
}

function valueAt(config: JsonObject, path: readonly PropertyKey[]): unknown {
  let value: unknown = config;
  for (const key of path) value = (value as Record<PropertyKey, unknown> | null)?.[key];
  return value;
}

/** A value short enough for a message: a long list or string is only described. */
function describe(value: unknown): string {
  if (Array.isArray(value)) return value.length > 8 ? `a list of ${value.length} values` : JSON.stringify(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
