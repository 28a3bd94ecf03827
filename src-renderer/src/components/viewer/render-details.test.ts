// The viewer's details panel lists every parameter of the render, with the reweighting factors of its mode only.
import { expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Render } from '../../../../src-shared/domain/index.ts';
import { renderDetails } from './render-details.ts';

const render: Render = {
  id: '00000000-0000-4000-9000-000000000001',
  frameId: '00000000-0000-4000-8000-000000000001',
  createdAt: Date.UTC(2026, 11, 5, 8, 0),
  width: 768,
  height: 512,
  params: {
    modelId: 'm1',
    modelFamily: 'sd1',
    settings: { ...DEFAULT_SETTINGS, reweight: { ...DEFAULT_SETTINGS.reweight, betaEnhance: 1.5 }, noise: 'float16', ipca: 'off', windowLength: 6 },
    width: 768,
    height: 512,
    steps: 25,
    guidance: 7.5,
    scheduler: 'EulerDiscreteScheduler',
    seed: 1832819952,
    identityPrompt: 'a red fox',
    negativePrompt: 'blurry',
    framePrompt: 'crossing a stream',
    storyPrompt: 'a red fox; waking up; crossing a stream',
    partIndex: 2,
    planHash: 'h',
  },
};

it('lists every parameter and the prompts in full', () => {
  const rows = Object.fromEntries(renderDetails(render, () => 'Fox model').map((row) => [row.label, row.value]));
  expect(rows).toMatchObject({
    Model: 'Fox model (sd1)',
    Size: '768 × 512',
    Steps: '25',
    Guidance: '7.5',
    Scheduler: 'EulerDiscreteScheduler',
    Noise: 'float16',
    Seed: '1832819952',
    Reweighting: 'svr',
    'α (enhance)': '0.01',
    'β (enhance)': '1.5',
    'α′ (suppress)': '0.01',
    'β′ (suppress)': '0.05',
    'Identity-preserving attention': 'off',
    Window: 'at most 6 frames per prompt',
    'Identity prompt': 'a red fox',
    'Negative prompt': 'blurry',
    'Frame prompt': 'crossing a stream',
    'Conditioned on': 'a red fox; waking up; crossing a stream',
  });
  expect(rows.Made).toMatch(/2026/);
  expect(rows['Naive factors']).toBeUndefined();
});

it('shows the naive factors instead of α and β in naive mode, and says when a prompt was empty', () => {
  const naive = { ...render, params: { ...render.params, negativePrompt: '', settings: { ...render.params.settings, reweight: { ...render.params.settings.reweight, mode: 'naive' as const } } } };
  const rows = Object.fromEntries(renderDetails(naive, (id) => id).map((row) => [row.label, row.value]));
  expect(rows['Naive factors']).toBe('2 and 0.5');
  expect(rows['β (enhance)']).toBeUndefined();
  expect(rows['Negative prompt']).toBe('(none)');
});
