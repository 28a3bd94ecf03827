// One count for a prompt that does not fit, wherever it is shown: the planner's error, the token meter and the
// frame's card all give the tokens the frame needs with the identity, against the same capacity.

export interface TokenCounts {
  identity: number;
  /** per frame, in story order */
  frames: readonly number[];
}

/** Content tokens a frame needs in any prompt it is drawn from, at the least: the identity and its own prompt. */
export function tokensWithIdentity(identityTokens: number, frameTokens: number): number {
  return identityTokens + frameTokens;
}

/** The identity alone leaves no room for a frame: that is the one thing to fix, not every frame. */
export function identityTooLong(identityTokens: number, capacity: number): boolean {
  return identityTokens >= capacity;
}

/** Whether a frame cannot fit in any prompt, even alone with the identity (false while the identity is the problem). */
export function frameTooLong(identityTokens: number, frameTokens: number, capacity: number): boolean {
  return !identityTooLong(identityTokens, capacity) && tokensWithIdentity(identityTokens, frameTokens) > capacity;
}

/** Frames (0-based) too long to fit in any prompt. */
export function overLongFrames(counts: TokenCounts, capacity: number): number[] {
  return counts.frames.flatMap((tokens, j) => (frameTooLong(counts.identity, tokens, capacity) ? [j] : []));
}
