// Every text the story needs, through every text encoder, each at most once: the plan's prompts (one, or one
// window per frame), the identity prompt alone where IPCA `reference` needs it, and the negative prompt when
// guidance is on (SDXL's empty one is zeros, as `force_zeros_for_empty_prompt` prescribes, and runs nothing).
// Encodings are cached per model and token sequence, so retuning the reweighting or IPCA, or rendering one frame
// again, runs no text encoder, and texts that tokenize alike ("a fox", "a fox ") are encoded once.
import type { IpcaMode } from '../../../src-shared/domain/index.ts';
import { createEmbedding, type Embedding, type StoryEncodings, type StoryPlan } from '../conditioning/index.ts';
import type { LoadedModel, TextEncoding } from '../models/model-types.ts';
import { formatCount } from '../../../src-shared/format/quantities.ts';

/** Keep one per loaded model (or share one: entries are kept per model) for as long as the model stays loaded. */
export class TextEncodingCache {
  readonly #maxTexts: number;
  /** per model: each encoded text's token ids (every tokenizer's) → its encodings */
  readonly #byModel = new WeakMap<LoadedModel, Map<string, TextEncoding[]>>();

  /** `maxTexts` encodings per model, least recently used dropped first (an SDXL text is ≈ 630 kB). */
  constructor(maxTexts = 64) {
    this.#maxTexts = maxTexts;
  }

  /** Each text's encoding by every text encoder, in encoder order. */
  async encode(model: LoadedModel, texts: readonly string[]): Promise<TextEncoding[][]> {
    let entries = this.#byModel.get(model);
    if (!entries) {
      entries = new Map();
      this.#byModel.set(model, entries);
    }
    const result: TextEncoding[][] = [];
    for (const text of texts) {
      const ids = model.tokenizers.map((tokenizer) => tokenizer.encode(text).ids);
      const key = ids.map((sequence) => sequence.join(',')).join('|');
      let encoding = entries.get(key);
      if (encoding) {
        entries.delete(key); // re-inserted below: most recently used last
      } else {
        encoding = await encodeIds(model, ids);
      }
      entries.set(key, encoding);
      result.push(encoding);
    }
    for (const oldest of entries.keys()) {
      if (entries.size <= Math.max(this.#maxTexts, texts.length)) break;
      entries.delete(oldest);
    }
    return result;
  }
}

/** One session run per text and encoder, so the sessions' run counts are the texts encoded. */
async function encodeIds(model: LoadedModel, ids: readonly Int32Array[]): Promise<TextEncoding[]> {
  return Promise.all(
    model.textEncoders.map(async (encoder, e) => {
      const [encoding] = await encoder.encode([ids[e]]);
      return encoding;
    }),
  );
}

export interface StoryTextInputs {
  plan: StoryPlan;
  negativePrompt: string;
  ipca: IpcaMode;
  guided: boolean;
}

export interface EncodedStory {
  encodings: StoryEncodings;
  /** SDXL: the pooled embedding of each plan prompt (never reweighted) and of the negative prompt. */
  pooled?: { prompts: Float32Array[]; uncond?: Float32Array };
  warnings: string[];
}

export async function encodeStory(model: LoadedModel, inputs: StoryTextInputs, cache: TextEncodingCache): Promise<EncodedStory> {
  const { plan, negativePrompt, ipca, guided } = inputs;
  const zeroNegative = model.info.forceZerosForEmptyPrompt && negativePrompt.trim() === '';
  const withIdentity = ipca === 'reference';
  const withNegative = guided && !zeroNegative;
  const texts = [
    ...plan.prompts.map((p) => p.text),
    ...(withIdentity ? [plan.identity] : []),
    ...(withNegative ? [negativePrompt] : []),
  ];
  const encoded = await cache.encode(model, texts);
  const prompts = encoded.slice(0, plan.prompts.length);
  const identity = withIdentity ? encoded[plan.prompts.length] : undefined;
  const negative = withNegative ? encoded[encoded.length - 1] : undefined;
  const uncond = guided ? (negative ?? prompts[0].map(zeroEncoding)) : undefined;

  const warnings: string[] = [];
  const negativeIds = withNegative ? model.tokenizers[0].encode(negativePrompt) : undefined;
  if (negativeIds?.truncated) warnings.push(`The negative prompt is too long: its last ${formatCount(negativeIds.droppedTokens, 'token')} ${negativeIds.droppedTokens === 1 ? 'was' : 'were'} dropped`);

  return {
    encodings: {
      prompts: prompts.map(hiddenStates),
      identity: identity && hiddenStates(identity),
      uncond: uncond && hiddenStates(uncond),
    },
    pooled: model.info.usesAddedConditions ? { prompts: prompts.map(pooledOf), uncond: uncond && pooledOf(uncond) } : undefined,
    warnings,
  };
}

function zeroEncoding(like: TextEncoding): TextEncoding {
  return { hidden: createEmbedding(like.hidden.tokens, like.hidden.dim), pooled: like.pooled && new Float32Array(like.pooled.length) };
}

function hiddenStates(encoding: readonly TextEncoding[]): Embedding[] {
  return encoding.map((e) => e.hidden);
}

/** SDXL's pooled embedding comes from the encoder that has one (the second). */
function pooledOf(encoding: readonly TextEncoding[]): Float32Array {
  const pooled = encoding.find((e) => e.pooled !== null)?.pooled;
  if (!pooled) throw new Error("This model's UNet takes pooled text embeddings, but no text encoder gives one");
  return pooled;
}
