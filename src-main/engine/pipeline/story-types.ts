// What one call of the story pipeline takes and gives back. Plain data: it crosses the engine
// process's message channel (validated there with zod).
import type { ComponentCall, DeviceReport, GenerationSettings, IpcaMode } from '../../../src-shared/domain/index.ts';

export interface StoryRequest {
  modelDir: string;
  identityPrompt: string;
  framePrompts: string[];
  negativePrompt: string;
  /** null fields mean "the model's default" (size, steps, guidance; scheduler 'model') */
  settings: GenerationSettings;
  /** which frames to render (indices into framePrompts); default all. The plan still covers every frame. */
  frames?: number[];
  /** per-frame seed overrides (same length as framePrompts), null = the story's seed */
  seedOverrides?: (number | null)[];
  /** frames per UNet batch; default from the image size (two 1024² frames, more when smaller) */
  batchSize?: number;
}

export interface ResolvedGeneration {
  width: number;
  height: number;
  steps: number;
  guidance: number;
  scheduler: string;
  /** the IPCA mode the story ran with: 'off' where the model cannot take IPCA's longer context (warned) */
  ipca: IpcaMode;
}

export interface StoryProgress {
  /** frames in the batch being denoised */
  frames: number[];
  /** 0-based; the step (of those asked for) the model evaluation just finished belongs to */
  step: number;
  totalSteps: number;
  /** 0-based; the model evaluation just finished, of `totalEvaluations` per frame (more than the steps for Heun,
   * KDPM2 and PNDM) */
  evaluation: number;
  totalEvaluations: number;
  /** 0..1 over the whole request, counted in model evaluations */
  fraction: number;
  /** a small PNG (1/8 of the image) of the current estimate of the clean latents by the family's linear
   * latent→RGB approximation, per frame in `frames`; made only when `onProgress` is given */
  previews?: Uint8Array[];
}

export interface FrameImage {
  frameIndex: number;
  seed: number;
  png: Uint8Array;
  width: number;
  height: number;
  /** the consolidated prompt (or window) this frame was conditioned on: its index in `StoryResult.prompts` and text */
  promptIndex: number;
  storyPrompt: string;
  /** the frame's part in that prompt (0 = the first frame prompt after the identity) */
  partIndex: number;
  /** the story's frames (indices) whose prompts follow the identity in that prompt, in order */
  windowFrames: number[];
}

/** A prompt the text encoders saw: the whole story, or one frame's window of a long story. */
export interface StoryPrompt {
  text: string;
  /** the story's frames (0-based) in the order they appear in it */
  frames: number[];
}

export interface StoryTimings {
  totalMs: number;
  /** time inside ONNX sessions (from the model's stats) */
  sessionMs: number;
  sessionMsByComponent: Record<string, number>;
  /** reweighting + IPCA context, mean per rendered frame (the first frame includes the story's SVR setup) */
  conditioningMsPerFrame: number;
  /** wall time of the sampling loops (UNet calls, guidance, scheduler steps), for the loop's own overhead */
  samplingMs: number;
}

export interface StoryResult {
  modelId: string;
  modelFamily: string;
  /** the execution provider the UNet ran on ('cpu' when the GPU one was refused for wrong results) */
  provider: string;
  /** where the model's sessions run and why: provider asked for, adapter, its buffer limit, what `auto` passed over */
  device: DeviceReport;
  /** per component, how its batches went through: items per session run, provider, the CPU and why */
  componentCalls: Record<string, ComponentCall[]>;
  resolved: ResolvedGeneration;
  /** UNet evaluations per frame and guidance branch for the `resolved.steps` asked: the scheduler's timesteps */
  evaluationsPerFrame: number;
  /** the settings as requested (null = model default), for the record */
  settings: GenerationSettings;
  planHash: string;
  prompts: StoryPrompt[];
  warnings: string[];
  /** in the order rendered */
  frames: FrameImage[];
  timings: StoryTimings;
  /** UNet items evaluated per guidance branch: frames × `evaluationsPerFrame` each (`uncond` 0 when guidance is
   * off); a batch counts each of its frames once. Their sum equals `sessionRuns.unet`. */
  unetEvaluations: { cond: number; uncond: number };
  /** items each component's session evaluated during this request (a batched run counts each item), from the
   * model's stats: text encoders one per text encoded, the VAE decoder one per frame */
  sessionRuns: Record<string, number>;
}

export interface StoryHooks {
  onProgress?(progress: StoryProgress): void;
  /** each frame as soon as it is decoded */
  onFrame?(frame: FrameImage): void;
  /** takes effect between steps and frames: the call rejects with the signal's reason (an AbortError unless given
   * another); frames finished before are delivered, an unfinished one never */
  signal?: AbortSignal;
}
