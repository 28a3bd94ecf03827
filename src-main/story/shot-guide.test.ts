// "Let shot type guide the image": what the model sees, and which renders it stales and why.
import { describe, expect, it } from 'vitest';
import {
  applySettingsPatch,
  DEFAULT_SETTINGS,
  emptyBoardFields,
  modelPrompt,
  shotWording,
  type Frame,
  type Project,
  type RenderParams,
  type SettingsPatch,
} from '../../src-shared/domain/index.ts';
import { planWithToyTokenizer } from '../export/test-story.testing.ts';
import { staleReasons } from './staleness.ts';

const project = (patch: SettingsPatch = {}): Project => ({
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Fox',
  identityPrompt: 'a watercolor fox',
  negativePrompt: '',
  modelId: 'model',
  settings: applySettingsPatch(DEFAULT_SETTINGS, { width: 64, height: 64, steps: 2, guidance: 7.5, scheduler: 'euler', ...patch }),
  createdAt: 0,
  updatedAt: 0,
});

const frame = (n: number, prompt: string, shotType = ''): Frame => ({
  id: `00000000-0000-4000-9000-00000000000${n}`,
  projectId: project().id,
  position: n - 1,
  prompt,
  caption: '',
  notes: '',
  durationMs: 1000,
  seedOverride: null,
  currentRenderId: null,
  kept: false,
  createdAt: 0,
  updatedAt: 0,
  ...emptyBoardFields(n - 1),
  shotType,
});

/** The parameters a render made now would store (as store-render.ts writes them). */
async function renderedNow(p: Project, frames: Frame[], position: number): Promise<RenderParams> {
  const plan = (await planWithToyTokenizer(p, frames))!;
  const placement = plan.placements[position];
  const prompt = plan.prompts[placement.prompt];
  return {
    modelId: 'model',
    modelFamily: 'sd1',
    settings: p.settings,
    width: 64,
    height: 64,
    steps: 2,
    guidance: 7.5,
    scheduler: 'euler',
    seed: p.settings.seed,
    identityPrompt: p.identityPrompt,
    negativePrompt: p.negativePrompt,
    framePrompt: plan.frames[position],
    storyPrompt: prompt.text,
    partIndex: placement.part,
    planHash: plan.hash,
    window: prompt.frames.map((j) => ({ frameId: frames[j].id, prompt: plan.frames[j] })),
  };
}

async function reasons(was: RenderParams, p: Project, frames: Frame[], position: number): Promise<string[]> {
  const plan = await planWithToyTokenizer(p, frames);
  return staleReasons(was, position, { project: p, frames, plan, model: undefined, modelName: (id) => id });
}

describe('shot type guides the image', () => {
  it('words the offered shot types, keeps free text, and adds nothing while off', () => {
    expect(shotWording('CU')).toBe('close-up shot');
    expect(shotWording('OTS')).toBe('over-the-shoulder shot');
    expect(shotWording(' low angle ')).toBe('low angle');
    const f = frame(1, 'reading a book', 'ECU');
    expect(modelPrompt(f, { shotTypeGuidesImage: false })).toBe('reading a book');
    expect(modelPrompt(f, { shotTypeGuidesImage: true })).toBe('reading a book, extreme close-up shot');
    expect(modelPrompt(frame(1, '', 'WS'), { shotTypeGuidesImage: true })).toBe('wide shot');
    expect(modelPrompt(frame(1, 'runs'), { shotTypeGuidesImage: true })).toBe('runs');
  });

  it('is off by default, and stories stored before it read as off', () => {
    expect(DEFAULT_SETTINGS.shotTypeGuidesImage).toBe(false);
    const { shotTypeGuidesImage: _, ...older } = DEFAULT_SETTINGS;
    expect(applySettingsPatch(older as typeof DEFAULT_SETTINGS, {}).shotTypeGuidesImage).toBe(false);
  });

  it('while off, a shot type changes nothing the model sees, so no render goes stale', async () => {
    const frames = [frame(1, 'wakes up'), frame(2, 'runs')];
    const was = await renderedNow(project(), frames, 0);
    expect(await reasons(was, project(), [{ ...frames[0], shotType: 'CU' }, frames[1]], 0)).toEqual([]);
  });

  it('turned on, stales the frames whose window holds a shot type, naming the switch alone', async () => {
    const frames = [frame(1, 'wakes up', 'CU'), frame(2, 'runs')];
    const was = await renderedNow(project(), frames, 1);
    expect(await reasons(was, project({ shotTypeGuidesImage: true }), frames, 1)).toEqual(['"let shot type guide the image" changed: off → on']);
    const noShots = [frame(1, 'wakes up'), frame(2, 'runs')];
    expect(await reasons(await renderedNow(project(), noShots, 1), project({ shotTypeGuidesImage: true }), noShots, 1)).toEqual([]);
  });

  it('while on, a new shot type is a change to the story prompt, named by frame', async () => {
    const on = project({ shotTypeGuidesImage: true });
    const frames = [frame(1, 'wakes up', 'CU'), frame(2, 'runs')];
    const was = await renderedNow(on, frames, 1);
    expect(await reasons(was, on, frames, 1)).toEqual([]);
    expect(await reasons(was, on, [{ ...frames[0], shotType: 'WS' }, frames[1]], 1)).toEqual([
      "the story prompt changed: frame 1's prompt or shot type was edited",
    ]);
  });
});
