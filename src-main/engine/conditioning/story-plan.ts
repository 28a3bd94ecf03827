// Prompt consolidation: the identity prompt P0 and the frame prompts P1…PN become one prompt (or, for long
// stories, one circular sliding window per frame), with the exact token span of every part.
import { createHash } from 'node:crypto';
import { DEFAULT_SETTINGS, identityTooLong, overLongFrames, tokensWithIdentity } from '../../../src-shared/domain/index.ts';
import { PROMPT_PART_SEPARATOR, type ClipTokenizer, type TokenSpan } from '../tokenizer/index.ts';

export type { TokenSpan };

/** What planning needs of a tokenizer (the engine's CLIP tokenizer satisfies it). */
export type PlanTokenizer = Pick<ClipTokenizer, 'maxLength' | 'countTokens' | 'encodeParts'>;

export interface StoryPlanInput {
  identity: string;
  frames: readonly string[];
  tokenizer: PlanTokenizer;
  /** Names the tokenizer's vocabulary (for example the model's id); part of the hash. */
  tokenizerId: string;
  /** Most frames in one prompt; default 10. */
  windowLength?: number;
}

/** One prompt the text encoders see. Spans are positions in its `tokens`-long encoding, end exclusive. */
export interface PlannedPrompt {
  /** The parts joined with the separator. */
  text: string;
  /** The story's frames (0-based) in the order they appear in this prompt. */
  frames: number[];
  identitySpan: TokenSpan;
  /** One span per entry of `frames`. */
  frameSpans: TokenSpan[];
  /** The end token and every padding position after it. */
  eot: TokenSpan;
  /** Length of the encoding: start token, content, end token, padding. */
  tokens: number;
}

/** Where a frame is drawn from: `plan.prompts[prompt]`, as its `part`-th frame. */
export interface FramePlacement {
  prompt: number;
  part: number;
}

export interface StoryPlan {
  identity: string;
  frames: string[];
  tokenizerId: string;
  windowLength: number;
  /** Content tokens a prompt may hold (77 − start − end = 75). */
  capacity: number;
  tokenCounts: { identity: number; frames: number[] };
  /** Distinct prompts; empty when there are errors. */
  prompts: PlannedPrompt[];
  /** One per frame; empty when there are errors. */
  placements: FramePlacement[];
  warnings: string[];
  /** Reasons the story cannot be rendered; each names what to change. */
  errors: string[];
  /** Changes whenever the prompts, their order, the tokenizer or the window length change (stale renders). */
  hash: string;
}

// Bump when planning changes in a way that changes prompts for the same inputs.
const PLAN_VERSION = 1;

export function planStory(input: StoryPlanInput): StoryPlan {
  const { identity, tokenizer, tokenizerId } = input;
  const frames = [...input.frames];
  const windowLength = input.windowLength ?? DEFAULT_SETTINGS.windowLength;
  if (!Number.isInteger(windowLength) || windowLength < 1) {
    throw new RangeError(`The window length must be a whole number ≥ 1, got ${windowLength}`);
  }
  const capacity = tokenizer.maxLength - 2;
  const tokenCounts = { identity: tokenizer.countTokens(identity), frames: frames.map((f) => tokenizer.countTokens(f)) };
  const base = {
    identity,
    frames,
    tokenizerId,
    windowLength,
    capacity,
    tokenCounts,
    hash: planHash(identity, frames, tokenizerId, tokenizer.maxLength, windowLength),
  };

  const errors = planErrors(tokenCounts, capacity);
  if (errors.length > 0) return { ...base, prompts: [], placements: [], warnings: [], errors };

  const warnings = frames.flatMap((_, j) => (tokenCounts.frames[j] === 0 ? [`Frame ${j + 1}'s prompt is empty; it shows the identity alone`] : []));
  const total = tokenCounts.frames.reduce((sum, count) => sum + count, tokenCounts.identity);
  if (frames.length <= windowLength && total <= capacity) {
    const prompt = plannedPrompt(tokenizer, identity, frames, frames.map((_, j) => j));
    return { ...base, prompts: [prompt], placements: frames.map((_, j) => ({ prompt: 0, part: j })), warnings, errors };
  }

  const prompts = frames.map((_, j) => plannedPrompt(tokenizer, identity, frames, slidingWindow(j, tokenCounts, capacity, windowLength)));
  warnings.push(`${whyWindows(frames.length, windowLength, total, capacity)}: each frame gets its own window of the frames that follow it, so the identity may drift between frames that share no window`);
  return { ...base, prompts, placements: frames.map((_, j) => ({ prompt: j, part: 0 })), warnings, errors };
}

/** Names the limit the story passes (frames per prompt, tokens, or both), never one it keeps within. */
function whyWindows(frames: number, windowLength: number, tokens: number, capacity: number): string {
  const tooMany = frames > windowLength;
  const tooLong = tokens > capacity;
  const frameLimit = `${frames} frames, at most ${windowLength} per prompt (the window length)`;
  const tokenLimit = `${tokens} tokens, at most ${capacity} per prompt`;
  if (tooMany && tooLong) return `The story does not fit in one prompt: ${frameLimit}, and ${tokenLimit}`;
  if (tooMany) return `The story has more frames than one prompt takes: ${frameLimit}`;
  return `The story is too long for one prompt: ${tokenLimit}`;
}

/** Throws when the plan has errors, with all of them in the message. */
export function assertRenderable(plan: StoryPlan): void {
  if (plan.errors.length > 0) throw new Error(plan.errors.join('\n'));
}

function planErrors(counts: StoryPlan['tokenCounts'], capacity: number): string[] {
  if (counts.frames.length === 0) return ['The story has no frames; add at least one'];
  if (identityTooLong(counts.identity, capacity)) {
    return [`The identity prompt is too long: it uses ${counts.identity} of ${capacity} tokens and leaves none for a frame; shorten it`];
  }
  return overLongFrames(counts, capacity).map(
    (j) => `Frame ${j + 1}'s prompt is too long: identity + frame use ${tokensWithIdentity(counts.identity, counts.frames[j])} of ${capacity} tokens; shorten it`,
  );
}

/** Frame j, then j+1, j+2, … (wrapping), as many as fit in the token budget and the window length. */
function slidingWindow(j: number, counts: StoryPlan['tokenCounts'], capacity: number, windowLength: number): number[] {
  const n = counts.frames.length;
  const window = [j];
  let used = counts.identity + counts.frames[j];
  for (let step = 1; step < Math.min(windowLength, n); step++) {
    const k = (j + step) % n;
    if (used + counts.frames[k] > capacity) break;
    used += counts.frames[k];
    window.push(k);
  }
  return window;
}

function plannedPrompt(tokenizer: PlanTokenizer, identity: string, frames: readonly string[], order: number[]): PlannedPrompt {
  const parts = [identity, ...order.map((j) => frames[j])];
  const encoded = tokenizer.encodeParts(parts);
  // Windows are fitted from the same token counts, so truncation here would be a planning bug.
  if (encoded.truncated) throw new Error(`Internal error: a planned prompt was truncated (${encoded.droppedTokens} tokens)`);
  return {
    text: parts.join(PROMPT_PART_SEPARATOR),
    frames: order,
    identitySpan: encoded.spans[0],
    frameSpans: encoded.spans.slice(1),
    eot: { start: encoded.eosIndex, end: tokenizer.maxLength },
    tokens: tokenizer.maxLength,
  };
}

function planHash(identity: string, frames: string[], tokenizerId: string, maxLength: number, windowLength: number): string {
  const key = JSON.stringify({ v: PLAN_VERSION, separator: PROMPT_PART_SEPARATOR, tokenizerId, maxLength, windowLength, identity, frames });
  return createHash('sha256').update(key).digest('hex');
}
