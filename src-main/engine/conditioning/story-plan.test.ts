import { beforeAll, describe, expect, it } from 'vitest';
import { describeWithShared, sharedPath } from '../../../test-support/shared.ts';
import { createClipTokenizer, loadClipTokenizerFromBpeGz, type ClipTokenizer } from '../tokenizer/index.ts';
import { toyVocabulary } from '../tokenizer/toy-vocabulary.ts';
import { planStory, type StoryPlan } from './story-plan.ts';

// Without merges every letter is one token, so a word of n letters is n tokens: budgets are easy to hit exactly.
const toy = createClipTokenizer(toyVocabulary([]));
const word = (letters: number, char = 'x'): string => char.repeat(letters);

function plan(identity: string, frames: string[], windowLength?: number, tokenizer: ClipTokenizer = toy): StoryPlan {
  return planStory({ identity, frames, tokenizer, tokenizerId: 'toy', windowLength });
}

describe('planStory: consolidation', () => {
  it('joins identity and frames with a space into one prompt, with the span of every part and EOT', () => {
    const p = plan('abc', ['de', 'fgh', 'ij']);
    expect(p.errors).toEqual([]);
    expect(p.prompts).toHaveLength(1);
    const [prompt] = p.prompts;
    expect(prompt.text).toBe('abc de fgh ij');
    expect(prompt.identitySpan).toEqual({ start: 1, end: 4 });
    expect(prompt.frameSpans).toEqual([{ start: 4, end: 6 }, { start: 6, end: 9 }, { start: 9, end: 11 }]);
    expect(prompt.eot).toEqual({ start: 11, end: 77 });
    expect(prompt.frames).toEqual([0, 1, 2]);
    expect(p.placements).toEqual([{ prompt: 0, part: 0 }, { prompt: 0, part: 1 }, { prompt: 0, part: 2 }]);
    expect(p.tokenCounts).toEqual({ identity: 3, frames: [2, 3, 2] });
    expect(p.warnings).toEqual([]);
  });

  it('fills exactly 75 content tokens in one prompt', () => {
    const p = plan(word(15), [word(20), word(20), word(20)]);
    expect(p.prompts).toHaveLength(1);
    expect(p.prompts[0].eot).toEqual({ start: 76, end: 77 });
  });

  it('warns about an empty frame prompt and gives it an empty span', () => {
    const p = plan('abc', ['de', '  ', 'f']);
    expect(p.prompts[0].frameSpans[1]).toEqual({ start: 6, end: 6 });
    expect(p.warnings).toEqual(["Frame 2's prompt is empty; it shows the identity alone"]);
  });
});

describe('planStory: circular sliding windows', () => {
  it('gives each frame P0 + frames j, j+1, … (wrapping) when there are more frames than the window length', () => {
    const frames = ['a', 'b', 'c', 'd', 'e'];
    const p = plan('id', frames, 3);
    expect(p.prompts.map((prompt) => prompt.frames)).toEqual([[0, 1, 2], [1, 2, 3], [2, 3, 4], [3, 4, 0], [4, 0, 1]]);
    expect(p.prompts[3].text).toBe('id d e a');
    expect(p.placements).toEqual(frames.map((_, j) => ({ prompt: j, part: 0 })));
    expect(p.warnings).toHaveLength(1);
    expect(p.warnings[0]).toContain('identity may drift');
  });

  it('fits each window to 75 real tokens, frame by frame', () => {
    // identity 10; frames 30, 30, 20, 50 tokens: the whole story (140) does not fit.
    const p = plan(word(10), [word(30, 'a'), word(30, 'b'), word(20, 'c'), word(50, 'd')]);
    expect(p.prompts.map((prompt) => prompt.frames)).toEqual([[0, 1], [1, 2], [2], [3]]);
    for (const prompt of p.prompts) {
      const used = prompt.frameSpans.at(-1)!.end - 1;
      expect(used).toBeLessThanOrEqual(75);
      expect(prompt.eot.start).toBe(used + 1);
    }
    // Frame 3 (20) + frame 4 (50) + identity (10) = 80 > 75: frame 3 stands alone.
    expect(p.prompts[2].frameSpans).toEqual([{ start: 11, end: 31 }]);
  });

  it('names the limit the story passes: frames per prompt, tokens, or both', () => {
    const why = (p: StoryPlan) => p.warnings[0].split(': each frame')[0];
    // 14 frames of 3 tokens with a 2-token identity: 44 tokens fit, 14 frames do not.
    expect(why(plan('id', Array.from({ length: 14 }, () => 'abc')))).toBe('The story has more frames than one prompt takes: 14 frames, at most 10 per prompt (the window length)');
    expect(why(plan(word(10), [word(30), word(30), word(20)]))).toBe('The story is too long for one prompt: 90 tokens, at most 75 per prompt');
    expect(why(plan(word(10), Array.from({ length: 12 }, () => word(6))))).toBe(
      'The story does not fit in one prompt: 12 frames, at most 10 per prompt (the window length), and 82 tokens, at most 75 per prompt',
    );
  });

  it('windows of one frame when the window length is 1', () => {
    const p = plan('id', ['a', 'b'], 1);
    expect(p.prompts.map((prompt) => prompt.frames)).toEqual([[0], [1]]);
    expect(p.prompts[1].text).toBe('id b');
  });
});

describe('planStory: errors', () => {
  it('names a frame that cannot fit even alone with the identity', () => {
    const p = plan(word(10), ['ab', word(73), 'cd', word(70)]);
    expect(p.errors).toEqual([
      "Frame 2's prompt is too long: identity + frame use 83 of 75 tokens; shorten it",
      "Frame 4's prompt is too long: identity + frame use 80 of 75 tokens; shorten it",
    ]);
    expect(p.prompts).toEqual([]);
    expect(p.placements).toEqual([]);
  });

  it('rejects an identity that leaves no room and a story without frames', () => {
    expect(plan(word(75), ['a']).errors).toEqual(['The identity prompt is too long: it uses 75 of 75 tokens and leaves none for a frame; shorten it']);
    expect(plan('abc', []).errors).toEqual(['The story has no frames; add at least one']);
    expect(() => plan('abc', ['d'], 0)).toThrow(/window length/);
  });
});

describe('planStory: hash', () => {
  it('is stable, and changes with the prompts, their order, the tokenizer and the window length', () => {
    const base = plan('abc', ['de', 'fg']);
    expect(plan('abc', ['de', 'fg']).hash).toBe(base.hash);
    expect(base.hash).toMatch(/^[0-9a-f]{64}$/);
    const variants = [
      plan('abd', ['de', 'fg']),
      plan('abc', ['fg', 'de']),
      plan('abc', ['de', 'fg', 'h']),
      plan('abc', ['de', 'fg'], 5),
      planStory({ identity: 'abc', frames: ['de', 'fg'], tokenizer: toy, tokenizerId: 'other' }),
    ];
    expect(new Set([base.hash, ...variants.map((v) => v.hash)]).size).toBe(variants.length + 1);
  });
});

describeWithShared('planStory with the CLIP tokenizer', () => {
  let clip: ClipTokenizer;
  beforeAll(async () => {
    clip = await loadClipTokenizerFromBpeGz(sharedPath('clip', 'bpe_simple_vocab_16e6.txt.gz'));
  });

  it("has spans that are the tokenizer's own ids of each part, also for a phrase repeated in two frames", () => {
    const frames = ['in the garden', 'wearing a cape', 'in the garden'];
    const p = plan('a cute watercolor kitten', frames, undefined, clip);
    const [prompt] = p.prompts;
    const ids = Array.from(clip.encode(prompt.text).ids);
    const slice = (span: { start: number; end: number }) => ids.slice(span.start, span.end);
    expect(slice(prompt.identitySpan)).toEqual(clip.tokenize('a cute watercolor kitten'));
    frames.forEach((frame, j) => expect(slice(prompt.frameSpans[j])).toEqual(clip.tokenize(frame)));
    expect(prompt.frameSpans[0]).not.toEqual(prompt.frameSpans[2]);
    expect(ids[prompt.eot.start]).toBe(clip.eosId);
  });
});
