// Per frame, the contexts the UNet receives: the frame's prompt encodings reweighted for the frame (SVR, naive or
// none), each text encoder's output separately, then arranged by the IPCA mode. What is per story (each prompt's
// SVR basis, the unconditional contexts) is computed once and reused by every frame and every retuning.
import type { IpcaMode, ReweightSettings } from '../../../src-shared/domain/index.ts';
import { copyRows, type Embedding, type RowTarget } from './embedding.ts';
import { assembleCondContext, assembleUncondContext, type EncoderPart } from './ipca.ts';
import { naiveReweight } from './naive-reweight.ts';
import { assertRenderable, type PlannedPrompt, type StoryPlan, type TokenSpan } from './story-plan.ts';
import { SvrReweighter, type ReweightRows } from './svr.ts';

export interface ConditioningSettings {
  reweight: ReweightSettings;
  ipca: IpcaMode;
}

/** Text encoder outputs, one per encoder in the order the UNet joins their features (SDXL: encoder 1, then 2). */
export interface StoryEncodings {
  /** For each of `plan.prompts`. */
  prompts: readonly (readonly Embedding[])[];
  /** The identity prompt encoded alone; needed by IPCA `reference`. */
  identity?: readonly Embedding[];
  /** The negative prompt (SDXL with an empty one: zeros); absent when guidance is off. */
  uncond?: readonly Embedding[];
}

export interface FrameContexts {
  cond: Embedding;
  /** Absent when guidance is off. With IPCA `reference` it is shorter than `cond`: a separate UNet call. */
  uncond?: Embedding;
}

export class StoryConditioning {
  readonly #plan: StoryPlan;
  readonly #encodings: StoryEncodings;
  readonly #rows: ReweightRows[]; // per prompt
  readonly #svr = new Map<string, SvrReweighter>(); // per prompt and encoder
  readonly #uncond = new Map<IpcaMode, Embedding>();

  constructor(plan: StoryPlan, encodings: StoryEncodings) {
    assertRenderable(plan);
    checkEncodings(plan, encodings);
    this.#plan = plan;
    this.#encodings = encodings;
    this.#rows = plan.prompts.map(reweightRows);
  }

  /** The contexts for frame `frame` (0-based, story order). */
  prepareFrame(frame: number, settings: ConditioningSettings): FrameContexts {
    const placement = this.#plan.placements[frame];
    if (!Number.isInteger(frame) || placement === undefined) {
      throw new Error(`Frame ${frame + 1} is not in this story of ${this.#plan.placements.length} frames`);
    }
    const prompt = this.#plan.prompts[placement.prompt];
    const rows = this.#rows[placement.prompt];
    const { reweight } = settings;
    const parts: EncoderPart[] = this.#encodings.prompts[placement.prompt].map((source, encoder) => ({
      tokens: source.tokens,
      dim: source.dim,
      identityOnly: this.#encodings.identity?.[encoder],
      writeReweighted: (target: RowTarget) => {
        if (reweight.mode === 'svr' || reweight.mode === 'svr-eot') {
          this.#reweighter(placement.prompt, encoder).prepare(placement.part, reweight.mode, reweight, target);
        } else if (reweight.mode === 'naive') {
          naiveReweight(source, rows.frames, placement.part, reweight, target);
        } else {
          copyRows(source, target);
        }
      },
    }));
    const cond = assembleCondContext(settings.ipca, parts, { frameRows: rows.frames.flat(), identityEnd: prompt.identitySpan.end });
    return { cond, uncond: this.#uncondContext(settings.ipca) };
  }

  #reweighter(prompt: number, encoder: number): SvrReweighter {
    const key = `${prompt}/${encoder}`;
    let svr = this.#svr.get(key);
    if (!svr) {
      svr = new SvrReweighter(this.#encodings.prompts[prompt][encoder], this.#rows[prompt]);
      this.#svr.set(key, svr);
    }
    return svr;
  }

  #uncondContext(mode: IpcaMode): Embedding | undefined {
    const uncond = this.#encodings.uncond;
    if (!uncond) return undefined;
    let context = this.#uncond.get(mode);
    if (!context) {
      context = assembleUncondContext(mode, uncond);
      this.#uncond.set(mode, context);
    }
    return context;
  }
}

function spanRows(span: TokenSpan): number[] {
  return Array.from({ length: span.end - span.start }, (_, i) => span.start + i);
}

function reweightRows(prompt: PlannedPrompt): ReweightRows {
  return { frames: prompt.frameSpans.map(spanRows), eot: spanRows(prompt.eot) };
}

function checkEncodings(plan: StoryPlan, encodings: StoryEncodings): void {
  if (encodings.prompts.length !== plan.prompts.length) {
    throw new Error(`The story plan has ${plan.prompts.length} prompts but ${encodings.prompts.length} were encoded`);
  }
  const dims = encodings.prompts[0].map((e) => e.dim);
  if (dims.length === 0) throw new Error('No text encoder outputs were given');
  const sameEncoders = (list: readonly Embedding[]): boolean => list.length === dims.length && list.every((e, i) => e.dim === dims[i]);
  encodings.prompts.forEach((list, p) => {
    if (!sameEncoders(list)) throw new Error(`Prompt ${p + 1}'s encodings do not match the others' encoders (${dims.join(', ')} features)`);
    for (const e of list) {
      if (e.tokens !== plan.prompts[p].tokens) throw new Error(`Prompt ${p + 1} was encoded to ${e.tokens} tokens, the plan has ${plan.prompts[p].tokens}`);
    }
  });
  if (encodings.identity && !sameEncoders(encodings.identity)) throw new Error("The identity prompt's encodings do not match the prompts' encoders");
  if (encodings.uncond && !sameEncoders(encodings.uncond)) throw new Error("The negative prompt's encodings do not match the prompts' encoders");
}
