// renders.list carries each variant's consistency scores from the stored embeddings: CLIP-T as stored, identity
// against the current renders of the story's other frames; only scores made with the library's scoring models.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src-shared/domain/index.ts';
import type { StoredRenderScores } from '../store/render-scores-repo.ts';
import { describeWithShared } from '../../test-support/shared.ts';
import { ensureScoringFixtures } from '../../scripts/fixtures/ensure.ts';
import { openTestBackend, type TestBackend } from './backend.testing.ts';

describeWithShared('render scores', () => {
  let t: TestBackend;
  let clipId: string;
  beforeEach(async () => {
    t = await openTestBackend();
    clipId = (await t.call('models.register', { path: (await ensureScoringFixtures()).clipSplit })).id;
  });
  afterEach(() => t.close());

  const addRender = (frameId: string, prompt: string) => {
    const id = randomUUID();
    t.backend.store.renders.insert({
      id, frameId, createdAt: Date.now(), width: 64, height: 64, png: Buffer.from([1]), thumbnail: null,
      params: { modelId: 'm', modelFamily: 'sd1', settings: DEFAULT_SETTINGS, width: 64, height: 64, steps: 2, guidance: 7.5, scheduler: 'ddim', seed: 1, identityPrompt: 'a fox', negativePrompt: '', framePrompt: prompt, storyPrompt: `a fox ${prompt}`, partIndex: 1, planHash: 'h' },
    });
    return id;
  };
  const score = (renderId: string, clip: number[], dino: number[] | null, clipT = 30, segmentationModel: string | null = null): StoredRenderScores => ({
    renderId, clipModel: clipId, clipT, clipEmbedding: Float32Array.from(clip), dinoModel: dino ? 'dinov2-s' : null, dinoEmbedding: dino && Float32Array.from(dino), segmentationModel, scoredAt: 1,
  });

  it('scores each variant against the other frames\' current renders; unscored renders have none', async () => {
    const project = await t.call('projects.create', { name: 'Fox', identityPrompt: 'a fox' });
    const [a, b] = [await t.call('frames.add', { projectId: project.id, prompt: 'running' }), await t.call('frames.add', { projectId: project.id, prompt: 'sleeping' })];
    const current = addRender(a.id, 'running');
    await t.call('frames.selectVariant', { frameId: a.id, renderId: current });
    const close = addRender(b.id, 'sleeping');
    const far = addRender(b.id, 'sleeping');
    const unscored = addRender(b.id, 'sleeping');
    const throughRemover = addRender(b.id, 'sleeping');
    t.backend.store.renderScores.put(score(current, [1, 0, 0], [0, 1]));
    t.backend.store.renderScores.put(score(close, [1, 1, 0], [0, 1], 31.5));
    t.backend.store.renderScores.put(score(far, [0, 0, 1], [1, 0]));
    // scored through a background remover the library does not have: not comparable with the others, so not given
    t.backend.store.renderScores.put(score(throughRemover, [1, 1, 0], [0, 1], 30, 'a-remover'));

    const variants = await t.call('renders.list', { frameId: b.id });
    const byId = new Map(variants.map((r) => [r.id, r.scores]));
    expect(byId.get(close)).toEqual({ clipT: 31.5, clipI: expect.closeTo(Math.SQRT1_2, 6), dino: 1, clipModel: clipId, dinoModel: 'dinov2-s', segmentationModel: null });
    expect(byId.get(far)).toMatchObject({ clipI: 0, dino: 0 });
    expect(byId.get(unscored)).toBeUndefined();
    expect(byId.get(throughRemover)).toBeUndefined();
    // frame a's only other frame (b) shows no variant yet: nothing to compare with
    const [own] = await t.call('renders.list', { frameId: a.id });
    expect(own.scores).toMatchObject({ clipT: 30, clipI: null, dino: null });
  });

  it('deletes a render\'s scores with the render', async () => {
    const project = await t.call('projects.create', { name: 'Fox', identityPrompt: 'a fox' });
    const frame = await t.call('frames.add', { projectId: project.id, prompt: 'running' });
    const id = addRender(frame.id, 'running');
    t.backend.store.renderScores.put(score(id, [1, 0], null));
    await t.call('frames.delete', { id: frame.id });
    expect(t.backend.store.renderScores.getMany([id]).size).toBe(0);
  });
});
