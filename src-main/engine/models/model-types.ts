// The boundary between model folders (ONNX sessions, dtypes, exporters' naming) and the story
// sampler: everything above this file sees plain Float32Arrays in the shapes named here.
import type { ClipTokenizer } from '../tokenizer/index.ts';
import type { Embedding } from '../conditioning/index.ts';
import type { DeviceReport } from '../../../src-shared/domain/index.ts';
import type { CallRecord } from './component-session.ts';

export const MODEL_FAMILIES = ['sd1', 'sd2', 'sdxl', 'sdxl-turbo', 'playground-v2.5'] as const;
export type ModelFamily = (typeof MODEL_FAMILIES)[number];

/** What the family prescribes when the user leaves a setting at "model default". */
export interface FamilyDefaults {
  width: number;
  height: number;
  steps: number;
  /** ≤ 1 means classifier-free guidance is off (turbo/LCM models). */
  guidance: number;
}

/** A validated model folder, read without creating any session. */
export interface ModelInfo {
  dir: string;
  /** stable id: the folder's name unless the library gives another */
  id: string;
  family: ModelFamily;
  defaults: FamilyDefaults;
  /** scheduler/scheduler_config.json, as read */
  schedulerConfig: Record<string, unknown>;
  vaeScalingFactor: number;
  /** Playground v2.5 normalises latents per channel before scaling. */
  latentsMean: number[] | null;
  latentsStd: number[] | null;
  /** SDXL: an empty negative prompt means zero embeddings rather than the encoding of "". */
  forceZerosForEmptyPrompt: boolean;
  /** width of each text encoder's conditioning output, in encoder order */
  encoderWidths: number[];
  /** the UNet's cross-attention width: the encoders' widths summed */
  contextDim: number;
  /** SDXL UNets take pooled `text_embeds` and `time_ids` */
  usesAddedConditions: boolean;
  /** the UNet's fixed context length (encoder_hidden_states' sequence axis: CLIP's 77); null when dynamic */
  contextTokens: number | null;
  /** why IPCA cannot run on this model, with the remedy (a fixed context length); null when it can */
  ipcaUnavailableReason: string | null;
}

export interface TextEncoding {
  /** the hidden states the UNet is conditioned on: penultimate layer for SDXL, last for SD 1.x/2.x */
  hidden: Embedding;
  /** pooled projection (`text_embeds`), only from SDXL's second encoder */
  pooled: Float32Array | null;
}

export interface TextEncoderComponent {
  readonly width: number;
  /** One encoding per prompt; each ids array is the tokenizer's padded 77 ids. */
  encode(ids: readonly Int32Array[]): Promise<TextEncoding[]>;
}

export interface UnetInput {
  /** [batch, 4, h, w] latents, already scaled by the scheduler */
  sample: Float32Array;
  batch: number;
  latentHeight: number;
  latentWidth: number;
  /** may be fractional (EDM, Karras sigmas): the component rounds where the export takes int64 */
  timestep: number;
  /** [batch, contextTokens, contextDim]; contextTokens may exceed 77 (IPCA) */
  context: Float32Array;
  contextTokens: number;
  /** SDXL: [batch, pooledDim] and [batch, 6] */
  textEmbeds?: Float32Array;
  timeIds?: Float32Array;
}

/** One UNet run's shape, without its values. */
export type UnetShape = Pick<UnetInput, 'batch' | 'latentHeight' | 'latentWidth' | 'contextTokens'>;

export interface UnetComponent {
  predict(input: UnetInput): Promise<Float32Array>;
  /**
   * How many of `shape.batch` items one run can carry on an adapter whose largest tensor (of the graph the sessions
   * load: the float16 copy on a GPU) must stay within its buffer limit; null where nothing limits it (CPU).
   */
  itemsPerRun?(shape: UnetShape): Promise<number | null>;
}

export interface VaeDecoderComponent {
  /** latents [batch, 4, h, w] already unscaled (divided by the scaling factor) → images [batch, 3, 8h, 8w] in about [-1, 1] */
  decode(latents: Float32Array, batch: number, latentHeight: number, latentWidth: number): Promise<Float32Array>;
}

/** Every session of one model, created once and reused across stories and regenerations. */
export interface LoadedModel {
  readonly info: ModelInfo;
  readonly tokenizers: readonly ClipTokenizer[];
  readonly textEncoders: readonly TextEncoderComponent[];
  readonly unet: UnetComponent;
  readonly vaeDecoder: VaeDecoderComponent;
  /** the execution provider the sessions actually run on */
  readonly provider: string;
  /** where the sessions run and why: the adapter, its limit, what `auto` passed over */
  readonly device: DeviceReport;
  /** how many times each component's session ran, and the time spent inside run() */
  stats(): SessionStats;
  /** how each component's batches went through since the last call (runs cut to an adapter's limit, the CPU) */
  calls(): Record<string, CallRecord[]>;
  release(): Promise<void>;
}


/** Per component (text_encoder, text_encoder_2, unet, vae_decoder), since the model was loaded. */
export interface SessionStats {
  /** items evaluated: a batched run counts each item once (one UNet call on 4 frames × 2 guidance branches counts 8) */
  runs: Record<string, number>;
  /** time spent inside session.run() */
  sessionMs: Record<string, number>;
}
