import { describe, expect, it } from 'vitest';
import { Random } from '../../../scripts/fixtures/random.ts';
import { DEFAULT_REWEIGHT, type IpcaMode, type ReweightMode } from '../../../src-shared/domain/index.ts';
import { createClipTokenizer } from '../tokenizer/index.ts';
import { toyVocabulary } from '../tokenizer/toy-vocabulary.ts';
import { createEmbedding, type Embedding } from './embedding.ts';
import { StoryConditioning, type ConditioningSettings, type StoryEncodings } from './story-conditioning.ts';
import { planStory, type StoryPlan } from './story-plan.ts';
import { SvrReweighter } from './svr.ts';

const toy = createClipTokenizer(toyVocabulary([]));
const random = new Random(11);
const DIMS = [6, 10];
const encode = (): Embedding[] => DIMS.map((dim) => createEmbedding(77, dim, random.normals(77 * dim, 2, 0.5)));
const settings = (mode: ReweightMode, ipca: IpcaMode): ConditioningSettings => ({ reweight: { ...DEFAULT_REWEIGHT, mode }, ipca });

/** Row t of several encoder outputs, features joined. */
const row = (parts: readonly Embedding[], t: number): number[] => parts.flatMap((e) => Array.from(e.data.subarray(t * e.dim, (t + 1) * e.dim)));
const rows = (e: Embedding, from: number, to: number): number[][] => Array.from({ length: to - from }, (_, i) => row([e], from + i));

describe('StoryConditioning', () => {
  // identity rows 1–3, frames at 4–5, 6–8, 9–10, EOT from 11
  const plan: StoryPlan = planStory({ identity: 'abc', frames: ['de', 'fgh', 'ij'], tokenizer: toy, tokenizerId: 'toy' });
  const encodings: StoryEncodings = { prompts: [encode()], identity: encode(), uncond: encode() };
  const story = new StoryConditioning(plan, encodings);
  const prompt = encodings.prompts[0];

  it('off + off: the prompt encodings joined feature-wise, and U', () => {
    const { cond, uncond } = story.prepareFrame(1, settings('off', 'off'));
    expect([cond.tokens, cond.dim]).toEqual([77, 16]);
    expect(rows(cond, 0, 77)).toEqual(Array.from({ length: 77 }, (_, t) => row(prompt, t)));
    expect(rows(uncond!, 0, 77)).toEqual(Array.from({ length: 77 }, (_, t) => row(encodings.uncond!, t)));
  });

  it("svr reweights each encoder's output separately before joining them", () => {
    const { cond } = story.prepareFrame(2, settings('svr', 'off'));
    const frameRows = [[4, 5], [6, 7, 8], [9, 10]];
    const eot = Array.from({ length: 66 }, (_, i) => 11 + i);
    const separately = prompt.map((e) => {
      const out = createEmbedding(77, e.dim);
      new SvrReweighter(e, { frames: frameRows, eot }).prepare(2, 'svr', DEFAULT_REWEIGHT, { data: out.data, offset: 0, stride: e.dim });
      return out;
    });
    expect(rows(cond, 0, 77)).toEqual(Array.from({ length: 77 }, (_, t) => row(separately, t)));
  });

  it('paper: [C̄ ; C̃] against [U ; U]; reference: [C̃ ; C_id rows 0–3] against U alone', () => {
    const paper = story.prepareFrame(0, settings('naive', 'paper'));
    const tilde = story.prepareFrame(0, settings('naive', 'off')).cond;
    expect(paper.cond.tokens).toBe(154);
    expect(rows(paper.cond, 77, 154)).toEqual(rows(tilde, 0, 77));
    expect(rows(paper.cond, 0, 77)).toEqual(rows(tilde, 0, 77).map((r, t) => (t >= 4 && t < 11 ? r.map(() => 0) : r)));
    expect(rows(paper.uncond!, 0, 77)).toEqual(rows(paper.uncond!, 77, 154));

    const reference = story.prepareFrame(0, settings('naive', 'reference'));
    expect(reference.cond.tokens).toBe(77 + 4);
    expect(rows(reference.cond, 0, 77)).toEqual(rows(tilde, 0, 77));
    expect(rows(reference.cond, 77, 81)).toEqual([0, 1, 2, 3].map((t) => row(encodings.identity!, t)));
    expect(reference.uncond!.tokens).toBe(77);
  });

  it('changes with the frame and the parameters, and reuses its per-story work', () => {
    const a = story.prepareFrame(0, settings('svr', 'paper'));
    const b = story.prepareFrame(1, settings('svr', 'paper'));
    expect(a.cond.data).not.toEqual(b.cond.data);
    expect(a.uncond).toBe(b.uncond);
    const retuned = story.prepareFrame(0, { reweight: { ...DEFAULT_REWEIGHT, betaSuppress: 0.5 }, ipca: 'paper' });
    expect(retuned.cond.data).not.toEqual(a.cond.data);
    expect(new StoryConditioning(plan, encodings).prepareFrame(0, { reweight: { ...DEFAULT_REWEIGHT, betaSuppress: 0.5 }, ipca: 'paper' }).cond.data).toEqual(retuned.cond.data);
  });

  it('without guidance there is no unconditional context, and IPCA still applies', () => {
    const unguided = new StoryConditioning(plan, { prompts: encodings.prompts });
    const { cond, uncond } = unguided.prepareFrame(0, settings('svr', 'paper'));
    expect(uncond).toBeUndefined();
    expect(cond.tokens).toBe(154);
    expect(() => unguided.prepareFrame(0, settings('svr', 'reference'))).toThrow(/identity prompt alone/);
  });

  it('uses each frame’s own window in a long story', () => {
    const long = planStory({ identity: 'abc', frames: ['de', 'fg', 'hi', 'jk'], tokenizer: toy, tokenizerId: 'toy', windowLength: 2 });
    const windows = long.prompts.map(() => encode());
    const windowed = new StoryConditioning(long, { prompts: windows });
    for (let j = 0; j < 4; j++) {
      expect(rows(windowed.prepareFrame(j, settings('off', 'off')).cond, 0, 77)).toEqual(Array.from({ length: 77 }, (_, t) => row(windows[j], t)));
    }
    const naive = windowed.prepareFrame(3, settings('naive', 'off')).cond; // window: frames 4, 1
    expect(row([naive], 4)).toEqual(row(windows[3], 4).map((v) => Math.fround(v * 2)));
    expect(row([naive], 6)).toEqual(row(windows[3], 6).map((v) => Math.fround(v * 0.5)));
  });

  it('rejects plans with errors, encodings that do not match the plan, and unknown frames', () => {
    const broken = planStory({ identity: 'abc', frames: ['x'.repeat(80)], tokenizer: toy, tokenizerId: 'toy' });
    expect(() => new StoryConditioning(broken, encodings)).toThrow(/Frame 1's prompt is too long/);
    expect(() => new StoryConditioning(plan, { prompts: [] })).toThrow(/1 prompts but 0 were encoded/);
    expect(() => new StoryConditioning(plan, { prompts: [[createEmbedding(76, 6)]] })).toThrow(/encoded to 76 tokens/);
    expect(() => new StoryConditioning(plan, { prompts: encodings.prompts, uncond: [createEmbedding(77, 6)] })).toThrow(/negative prompt/);
    expect(() => story.prepareFrame(3, settings('off', 'off'))).toThrow(/Frame 4 is not in this story of 3 frames/);
  });
});
