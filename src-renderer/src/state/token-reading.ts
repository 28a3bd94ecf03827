// What the token meter reads out; the frame cards' counts are in selectors.ts. Both take the count that does not fit
// from src-shared/domain/token-budget.ts, as the planner's error does.
import { overLongFrames, tokensWithIdentity, type StoryState } from '../../../src-shared/domain/index.ts';

type StoryPrompt = StoryState['prompts'][number];

/**
 * What the meter draws: the fullest prompt; when the story cannot be planned, the frame furthest over the limit
 * alone with the identity (the count its error gives and its card shows), else the identity alone.
 */
export function meterReading(state: StoryState, numbers: Map<string, number>): { frameIds: string[]; used: number; label: string } {
  const fullest = state.prompts.reduce<StoryPrompt | null>((best, p) => (best && best.tokens >= p.tokens ? best : p), null);
  if (fullest) return { frameIds: fullest.frameIds, used: fullest.tokens, label: state.prompts.length > 1 ? 'Tokens in the fullest window' : 'Tokens in the story prompt' };
  const counts = { identity: state.identityTokens, frames: state.frames.map((f) => f.tokens) };
  const worst = overLongFrames(counts, state.capacity).reduce<number | null>((best, j) => (best !== null && counts.frames[best] >= counts.frames[j] ? best : j), null);
  if (worst === null) return { frameIds: [], used: state.identityTokens, label: 'Tokens in the identity prompt' };
  const frameId = state.frames[worst].frameId;
  return { frameIds: [frameId], used: tokensWithIdentity(state.identityTokens, counts.frames[worst]), label: `Frame ${numbers.get(frameId) ?? worst + 1} with the identity` };
}

