// For tests and the benchmark: stories with synthetic renders, stored through the store's own repos, whose
// render parameters come from a real story plan (counted with a toy tokenizer), so they start out up to date.
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { applySettingsPatch, DEFAULT_SETTINGS, emptyBoardFields, patchFrame, type BoardFieldsPatch, type Frame, type Project, type RenderParams } from '../../src-shared/domain/index.ts';
import { assertRenderable, type StoryPlan } from '../engine/conditioning/index.ts';
import { createClipTokenizer } from '../engine/tokenizer/index.ts';
import { toyVocabulary } from '../engine/tokenizer/toy-vocabulary.ts';
import { planProjectStory } from '../story/project-plan.ts';
import type { Store } from '../store/index.ts';
import type { PlanStory } from './story-plan.ts';

export const TEST_MODEL_ID = 'test-model';

const toyTokenizer = { tokenizer: createClipTokenizer(toyVocabulary([])), tokenizerId: 'toy' };

/** Plans as the app would, with a tokenizer that needs no model folder. */
export const planWithToyTokenizer: PlanStory = async (project, frames) => planProjectStory(project, frames, toyTokenizer);

export interface FrameSpec {
  prompt: string;
  caption?: string;
  notes?: string;
  durationMs?: number;
  /** how many renders the frame has, the last one current (default 1; 0 = never generated) */
  variants?: number;
  /** shot, camera, action, dialogue… (default: none written) */
  board?: BoardFieldsPatch;
}

export interface StorySpec {
  name?: string;
  identity?: string;
  frames: FrameSpec[];
  width?: number;
  height?: number;
  /** photo-like noise, so images quantise and compress like real renders (benchmark) */
  grain?: boolean;
}

export async function addTestStory(store: Store, spec: StorySpec): Promise<{ project: Project; frames: Frame[] }> {
  const { width = 96, height = 64 } = spec;
  const t = Date.UTC(2025, 0, 2, 3, 4, 5);
  const project: Project = {
    id: randomUUID(),
    name: spec.name ?? 'Test story',
    identityPrompt: spec.identity ?? 'a watercolor kitten with a red scarf',
    negativePrompt: '',
    modelId: TEST_MODEL_ID,
    settings: applySettingsPatch(DEFAULT_SETTINGS, { width, height }),
    createdAt: t,
    updatedAt: t,
  };
  const frames: Frame[] = spec.frames.map((f, position) => patchFrame({
    id: randomUUID(),
    projectId: project.id,
    position,
    prompt: f.prompt,
    caption: f.caption ?? '',
    notes: f.notes ?? '',
    durationMs: f.durationMs ?? 1000,
    seedOverride: null,
    kept: false,
    currentRenderId: null,
    createdAt: t,
    updatedAt: t,
    ...emptyBoardFields(position),
  }, f.board ?? {}));
  const renders = await Promise.all(
    spec.frames.flatMap((f, j) =>
      Array.from({ length: f.variants ?? 1 }, async (_, v) => {
        const png = await syntheticPng(j * 7 + v, width, height, spec.grain);
        const thumbnail = await sharp(png).resize({ width: 16 }).png().toBuffer();
        return { frameIndex: j, png, thumbnail, createdAt: t + v };
      }),
    ),
  );
  const plan = (await planWithToyTokenizer(project, frames))!;
  // The toy tokenizer counts a token per letter: stories with renders need short prompts.
  if (renders.length > 0) assertRenderable(plan);
  store.write(() => {
    store.projects.insert(project);
    for (const frame of frames) store.frames.insertAt(frame);
    for (const r of renders) {
      const id = randomUUID();
      const frame = frames[r.frameIndex];
      const params = renderParams(project, frame, plan, r.frameIndex, width, height);
      store.renders.insert({ id, frameId: frame.id, createdAt: r.createdAt, width, height, params, png: r.png, thumbnail: r.thumbnail });
      store.frames.setCurrentRender(frame.id, id);
      frame.currentRenderId = id;
    }
  });
  return { project, frames };
}

function renderParams(project: Project, frame: Frame, plan: StoryPlan, j: number, width: number, height: number): RenderParams {
  const placement = plan.placements[j];
  return {
    modelId: TEST_MODEL_ID,
    modelFamily: 'sd1',
    settings: project.settings,
    width,
    height,
    steps: 30,
    guidance: 7.5,
    scheduler: 'euler',
    seed: project.settings.seed,
    identityPrompt: project.identityPrompt,
    negativePrompt: project.negativePrompt,
    framePrompt: frame.prompt,
    storyPrompt: plan.prompts[placement.prompt].text,
    partIndex: placement.part,
    planHash: plan.hash,
  };
}

/** A distinct RGB image per index: a gradient with two shapes, optionally with film grain. */
export async function syntheticPng(index: number, width: number, height: number, grain = false): Promise<Buffer> {
  const hue = (index * 47) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><radialGradient id="g" cx="${30 + (index % 40)}%" cy="40%" r="80%">
      <stop offset="0" stop-color="hsl(${hue},70%,75%)"/><stop offset="1" stop-color="hsl(${(hue + 120) % 360},60%,25%)"/>
    </radialGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <circle cx="${width * (0.2 + (index % 5) * 0.12)}" cy="${height / 2}" r="${Math.min(width, height) / 5}" fill="hsl(${(hue + 200) % 360},80%,55%)"/>
    <rect x="${width * 0.6}" y="${height * (0.15 + (index % 4) * 0.1)}" width="${width / 4}" height="${height / 3}" fill="hsl(${(hue + 60) % 360},50%,45%)"/>
  </svg>`;
  const image = sharp(Buffer.from(svg));
  if (!grain) return image.removeAlpha().png().toBuffer();
  const noise = await sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 24 } } }).blur(1).png().toBuffer();
  return image.composite([{ input: noise, blend: 'overlay' }]).removeAlpha().png().toBuffer();
}
