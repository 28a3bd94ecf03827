// How a batch of frames goes through the UNet per step: the guidance branches that share a context length run
// as one call (unconditional first, as diffusers concatenates them); IPCA `reference` gives the unconditional
// branch a shorter context, so it runs as a call of its own. Everything but the sample is fixed for the whole
// sampling run, so it is assembled once.
import type { UnetInput } from '../models/model-types.ts';
import { concatFloats, repeatFloats } from './float-arrays.ts';

/** One guidance branch for every frame of the batch. */
export interface GuidanceBranch {
  /** `batch` contexts of `tokens` rows each, back to back */
  context: Float32Array;
  tokens: number;
  /** SDXL: `batch` pooled embeddings, back to back */
  textEmbeds?: Float32Array;
}

export interface BatchShape {
  batch: number;
  latentHeight: number;
  latentWidth: number;
  /** SDXL: the six `time_ids` values, the same for every item */
  timeIds?: Float32Array;
}

export interface UnetCall {
  /** Everything but `sample` and `timestep`. */
  input: Omit<UnetInput, 'sample' | 'timestep'>;
  /** How many branches the call carries (1 or 2); its output holds one batch of predictions per branch. */
  branches: number;
  /** Where the call's `branches` copies of the model input go; absent when the call carries one branch. */
  sampleBuffer?: Float32Array;
}

/** The calls for `branches` (unconditional first when guided), merged where their contexts have one length. */
export function planUnetCalls(branches: readonly GuidanceBranch[], shape: BatchShape): UnetCall[] {
  const [first, second] = branches;
  if (second !== undefined && first.tokens === second.tokens) return [unetCall(branches, shape)];
  return branches.map((branch) => unetCall([branch], shape));
}

function unetCall(branches: readonly GuidanceBranch[], shape: BatchShape): UnetCall {
  const items = branches.length * shape.batch;
  const input: UnetCall['input'] = {
    batch: items,
    latentHeight: shape.latentHeight,
    latentWidth: shape.latentWidth,
    context: concatFloats(branches.map((b) => b.context)),
    contextTokens: branches[0].tokens,
  };
  if (shape.timeIds) {
    const textEmbeds = branches.map((b) => b.textEmbeds);
    if (!textEmbeds.every((e) => e !== undefined)) throw new Error('SDXL UNet call without pooled text embeddings');
    input.textEmbeds = concatFloats(textEmbeds);
    input.timeIds = repeatFloats(shape.timeIds, items);
  }
  const sampleLength = shape.batch * 4 * shape.latentHeight * shape.latentWidth;
  return { input, branches: branches.length, sampleBuffer: branches.length > 1 ? new Float32Array(branches.length * sampleLength) : undefined };
}
