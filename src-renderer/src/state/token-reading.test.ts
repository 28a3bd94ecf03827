// One over-long prompt, one count: the token meter and the frame's card give identity + frame, the number the
// planner's error gives (src-main/service/models.test.ts checks that side), and only the offending frame stands out.
import { expect, it } from 'vitest';
import { ApiError, createClient } from '../../../src-shared/contract/index.ts';
import { DEFAULT_SETTINGS, type StoryState } from '../../../src-shared/domain/index.ts';
import { selectFrameTokenHint, selectFrameTooLong } from './selectors.ts';
import { createAppStore } from './store.ts';
import { frameId, makeFrame, PROJECT_ID } from './test-frames.testing.ts';
import { meterReading } from './token-reading.ts';

function storyWith(identityTokens: number, frameTokens: number[], errors: string[]) {
  const client = createClient(async (method) => {
    throw new ApiError('unavailable', `${method} is not faked`);
  });
  const store = createAppStore({
    client,
    route: { page: 'projects' },
    theme: 'light',
    themeChosen: false,
    imageUrl: () => '',
    files: { deliverExport: async () => false, importProjectFile: async () => null, saveImage: async () => true, dragImageOut: null },
  });
  const frames = frameTokens.map((_, j) => makeFrame(j + 1, j));
  const storyState: StoryState = {
    projectId: PROJECT_ID,
    capacity: 75,
    identityTokens,
    prompts: [],
    frames: frames.map((f, j) => ({ frameId: f.id, tokens: frameTokens[j], promptIndex: null, stale: false, staleReasons: [], variantCount: 0 })),
    warnings: [],
    errors,
  };
  store.setState({
    story: { project: { id: PROJECT_ID, name: 'Story', identityPrompt: 'a fox', negativePrompt: '', modelId: 'model', settings: DEFAULT_SETTINGS, createdAt: 0, updatedAt: 0 }, frames, scenes: [] },
    storyState,
    framePlans: Object.fromEntries(storyState.frames.map((f) => [f.frameId, f])),
  });
  const numbers = new Map(frames.map((f) => [f.id, f.position + 1]));
  return { state: store.getState(), storyState, numbers };
}

it('gives the count of the planner’s error on the meter and on the card, and marks that frame only', () => {
  // The trial's story: identity 7, frame 1 150 tokens, frame 2 1 token; the meter said 158, the card 150.
  const { state, storyState, numbers } = storyWith(7, [150, 1], ["Frame 1's prompt is too long: identity + frame use 157 of 75 tokens; shorten it"]);
  expect(meterReading(storyState, numbers)).toEqual({ frameIds: [frameId(1)], used: 157, label: 'Frame 1 with the identity' });
  expect(selectFrameTokenHint(state, frameId(1))).toBe('Too long: with the identity it uses 157 of 75 tokens');
  expect(selectFrameTooLong(state, frameId(1))).toBe(true);
  expect(selectFrameTokenHint(state, frameId(2))).toBe('1 token');
  expect(selectFrameTooLong(state, frameId(2))).toBe(false);
});

it('draws the frame furthest over among several; an identity that leaves no room is drawn alone, no frame marked', () => {
  const several = storyWith(10, [70, 5, 90], []);
  expect(meterReading(several.storyState, several.numbers)).toMatchObject({ frameIds: [frameId(3)], used: 100 });
  expect([1, 2, 3].map((n) => selectFrameTooLong(several.state, frameId(n)))).toEqual([true, false, true]);

  const identity = storyWith(80, [3], []);
  expect(meterReading(identity.storyState, identity.numbers)).toEqual({ frameIds: [], used: 80, label: 'Tokens in the identity prompt' });
  expect(selectFrameTooLong(identity.state, frameId(1))).toBe(false);
  expect(selectFrameTokenHint(identity.state, frameId(1))).toBe('3 tokens');
});
