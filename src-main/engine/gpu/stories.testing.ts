// Short stories for comparing providers (one step, the fixture's own size unless patched), and their frames compared as pixels.
import { expect } from 'vitest';
import { applySettingsPatch, DEFAULT_SETTINGS, type SettingsPatch } from '../../../src-shared/domain/index.ts';
import { maxGreyDifference } from '../../../test-support/pixels.ts';
import type { LoadedModel } from '../models/index.ts';
import { generateStory, type StoryResult } from '../pipeline/index.ts';

export function story(model: LoadedModel, patch: SettingsPatch, frames = ['in a garden']): Promise<StoryResult> {
  return generateStory(model, {
    modelDir: model.info.dir,
    identityPrompt: 'a watercolor kitten with a red scarf',
    framePrompts: frames,
    negativePrompt: '',
    settings: applySettingsPatch(DEFAULT_SETTINGS, { steps: 1, ...patch }),
  });
}

export async function expectSameImages(a: StoryResult, b: StoryResult, greyLevels: number): Promise<void> {
  expect(a.frames.length).toBe(b.frames.length);
  for (const [i, frame] of a.frames.entries()) expect(await maxGreyDifference(frame.png, b.frames[i].png)).toBeLessThanOrEqual(greyLevels);
}
