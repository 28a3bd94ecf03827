// Everything a story's batches share, prepared once per call: resolved settings, the plan, the frames to render
// and their seeds, the text encodings and the conditioning built on them, and the image geometry.
import { StoryConditioning, assertRenderable, planStory, type StoryPlan } from '../conditioning/index.ts';
import type { LoadedModel } from '../models/model-types.ts';
import { frameSeeds, framesToRender } from './frame-selection.ts';
import { resolveGeneration, type Generation } from './resolve-generation.ts';
import type { StoryRequest } from './story-types.ts';
import { encodeStory, type EncodedStory, type TextEncodingCache } from './text-encodings.ts';
import { LATENT_CHANNELS } from './vae-latents.ts';

const VAE_FACTOR = 8;

export interface Geometry {
  width: number;
  height: number;
  latentHeight: number;
  latentWidth: number;
  /** latent values per frame */
  frameValues: number;
  /** SDXL's `time_ids` for this size: [h, w, 0, 0, h, w] (original size, crop top-left, target size) */
  timeIds?: Float32Array;
}

export interface StorySetup {
  generation: Generation;
  plan: StoryPlan;
  /** rendered frames, in order */
  frames: number[];
  /** every frame's seed */
  seeds: number[];
  story: EncodedStory;
  conditioning: StoryConditioning;
  geometry: Geometry;
}

export async function prepareStory(model: LoadedModel, request: StoryRequest, cache: TextEncodingCache): Promise<StorySetup> {
  const { info } = model;
  const { settings } = request;
  const generation = resolveGeneration(info, settings);
  const plan = planStory({
    identity: request.identityPrompt,
    frames: request.framePrompts,
    tokenizer: model.tokenizers[0],
    tokenizerId: info.id,
    windowLength: settings.windowLength,
  });
  assertRenderable(plan);
  const frames = framesToRender(request.frames, plan.frames.length);
  const seeds = frameSeeds(settings.seed, request.seedOverrides, plan.frames.length);
  const guided = generation.resolved.guidance > 1;
  const story = await encodeStory(model, { plan, negativePrompt: request.negativePrompt, ipca: generation.resolved.ipca, guided }, cache);
  const { width, height } = generation.resolved;
  const latentHeight = height / VAE_FACTOR;
  const latentWidth = width / VAE_FACTOR;
  return {
    generation,
    plan,
    frames,
    seeds,
    story,
    conditioning: new StoryConditioning(plan, story.encodings),
    geometry: {
      width,
      height,
      latentHeight,
      latentWidth,
      frameValues: LATENT_CHANNELS * latentHeight * latentWidth,
      timeIds: info.usesAddedConditions ? Float32Array.of(height, width, 0, 0, height, width) : undefined,
    },
  };
}
