// The variant viewer describes the variant shown, from its own render parameters, not the frame as it is now.
import { expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Render } from '../../../../src-shared/domain/index.ts';
import { variantInfo } from './variant-info.ts';

const old: Render = {
  id: '00000000-0000-4000-9000-000000000001',
  frameId: '00000000-0000-4000-8000-000000000001',
  createdAt: 0,
  width: 64,
  height: 64,
  params: {
    modelId: 'm1',
    modelFamily: 'sd1',
    settings: { ...DEFAULT_SETTINGS, reweight: { ...DEFAULT_SETTINGS.reweight, alphaEnhance: 0.01, betaEnhance: 1 } },
    width: 64,
    height: 64,
    steps: 3,
    guidance: 7.5,
    scheduler: 'EulerDiscreteScheduler',
    seed: 1832819952,
    identityPrompt: 'a red fox',
    negativePrompt: '',
    framePrompt: 'crossing a stream',
    storyPrompt: 'a red fox crossing a stream',
    partIndex: 1,
    planHash: 'h',
  },
};

it("gives the variant's own prompt and settings, and says when the frame's prompt or the identity changed since", () => {
  const info = variantInfo(old, { prompt: 'watching the sunset', identityPrompt: 'a grey wolf' }, (id) => (id === 'm1' ? 'sd15 (2)' : id));
  expect(info.prompt).toBe('crossing a stream');
  expect(info.promptChanged).toBe(true);
  expect(info.identityThen).toBe('a red fox');
  expect(info.settings).toContain('model sd15 (2)');
  expect(info.settings).toContain('seed 1832819952');
  expect(info.settings).toContain('alpha 0.01');
  expect(info.settings).toContain('beta 1 ·');
  expect(info.settings).toContain('3 steps');
});

it('says nothing changed for a variant made from the prompts as they are', () => {
  const info = variantInfo(old, { prompt: 'crossing a stream', identityPrompt: 'a red fox' }, (id) => id);
  expect(info).toMatchObject({ prompt: 'crossing a stream', promptChanged: false, identityThen: null });
});
