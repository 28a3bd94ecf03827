// Consistency scoring after generation, on the real engine process and the fixture diffusion, CLIP, DINOv2 and
// background-removal models: scores are stored once a job ends, a queued job stops scoring (which resumes after it),
// scoring can be cancelled, scoring models never render, and a background remover's arrival rescores identity.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { ensureScoringFixtures } from '../../scripts/fixtures/ensure.ts';
import type { ScoringFixturePaths } from '../../scripts/fixtures/scoring-models.ts';
import type { ModelRecord } from '../../src-shared/domain/index.ts';
import { describeWithShared } from '../../test-support/shared.ts';
import { openTestBackend, rejection, type TestBackend } from './backend.testing.ts';

const SETTINGS = { width: 64, height: 64, steps: 2, seed: 3 };

describeWithShared('consistency scoring', () => {
  let t: TestBackend;
  let diffusion: ModelRecord;
  let clip: ModelRecord;
  let dino: ModelRecord;
  let scoring: ScoringFixturePaths;

  beforeAll(async () => {
    t = await openTestBackend();
    scoring = await ensureScoringFixtures();
    diffusion = await t.call('models.register', { path: t.fixtures.sd15 });
    clip = await t.call('models.register', { path: scoring.clipSplit, name: 'Tiny CLIP' });
    dino = await t.call('models.register', { path: scoring.dinov2, name: 'Tiny DINOv2' });
  });
  afterAll(() => t.close());
  beforeEach(() => {
    t.events.length = 0;
  });

  async function story(prompts: string[]): Promise<string> {
    const project = await t.call('projects.create', { name: 'Fox', identityPrompt: 'a watercolor fox', modelId: diffusion.id, settings: SETTINGS });
    for (const prompt of prompts) await t.call('frames.add', { projectId: project.id, prompt });
    return project.id;
  }

  /** The first scores.updated of the story after which scoring is idle again. */
  const scoringDone = (projectId: string) => t.firstEmitted('scores.updated', (s) => s.projectId === projectId && s.state === 'idle' && s.total > 0);

  const allRenders = async (projectId: string) => {
    const { frames } = await t.call('projects.get', { id: projectId });
    return (await Promise.all(frames.map((f) => t.call('renders.list', { frameId: f.id })))).flat();
  };

  it('adds CLIP and DINOv2 folders as scoring models, which no story can render with', async () => {
    expect(clip).toMatchObject({ kind: 'scoring', family: 'clip', isDefault: false, available: true });
    expect(dino).toMatchObject({ kind: 'scoring', family: 'dinov2' });
    expect(diffusion).toMatchObject({ kind: 'diffusion', isDefault: true });
    expect((await rejection(t.call('models.setDefault', { id: clip.id }))).message).toMatch(/scoring model/);
    expect(await rejection(t.call('models.optimize', { id: clip.id }))).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/never renders, so it has no speed to measure/) });
    const project = await t.call('projects.create', { name: 'Wrong', modelId: clip.id });
    await t.call('frames.add', { projectId: project.id, prompt: 'runs' });
    expect((await rejection(t.call('jobs.generate', { projectId: project.id }))).message).toMatch(/scoring model and cannot render/);
  });

  it('scores the renders once the job has ended, and the story gets its figures', async () => {
    const projectId = await story(['running', 'sleeping', 'eating']);
    const job = await t.call('jobs.generate', { projectId });
    expect((await t.finished(job.id)).status).toBe('done');
    const status = await scoringDone(projectId);
    expect(status).toMatchObject({ scored: 3, total: 3, error: null });
    // nothing scored while the job rendered: scoring starts after its last frame was stored
    const order = t.events.map((m) => m.event);
    expect(order.indexOf('scores.updated')).toBeGreaterThan(order.lastIndexOf('render.created'));

    const renders = await allRenders(projectId);
    for (const render of renders) {
      expect(render.scores).toMatchObject({ clipModel: clip.id, dinoModel: dino.id, clipI: expect.any(Number), dino: expect.any(Number) });
      expect(Math.abs(render.scores!.clipI!)).toBeLessThanOrEqual(1);
    }
    const scores = await t.call('story.scores', { projectId });
    expect(scores).toMatchObject({ clipModel: 'Tiny CLIP', dinoModel: 'Tiny DINOv2', unscored: 0, status: { state: 'idle' } });
    expect(scores.frames).toHaveLength(3);
    expect(scores.clipI).toBeCloseTo(scores.frames.reduce((s, f) => s + f.clipI!, 0) / 3, 6);
    // a frame's identity score in story.scores is its current render's in renders.list
    for (const frame of scores.frames) expect(renders.find((r) => r.id === frame.renderId)!.scores!.clipI).toBeCloseTo(frame.clipI!, 6);
  });

  it('gives way to a job queued while it scores, and finishes after it', async () => {
    const projectId = await story(['running', 'sleeping']);
    const first = await t.call('jobs.generate', { projectId });
    await t.finished(first.id);
    // scoring of the first job's renders is under way (or queued); this job must not wait behind it
    const second = await t.call('jobs.generate', { projectId, seed: 'new' });
    expect(t.emitted('scores.updated', (s) => s.projectId === projectId).at(-1)?.state).not.toBe('running');
    expect((await t.finished(second.id)).status).toBe('done');
    t.events.length = 0;
    expect(await scoringDone(projectId)).toMatchObject({ error: null });
    const renders = await allRenders(projectId);
    expect(renders).toHaveLength(4);
    expect(renders.every((r) => r.scores)).toBe(true);
  });

  it('scores older renders on demand, and a cancel keeps nothing of the batch under way', async () => {
    const projectId = await story(['running', 'sleeping']);
    await t.call('scores.cancel', { projectId }); // nothing to cancel: idle
    const job = await t.call('jobs.generate', { projectId });
    await t.finished(job.id);
    // the scoring that follows the job is stopped at once: its engine call is cancelled before it answers
    expect(await t.call('scores.cancel', { projectId })).toMatchObject({ state: 'idle' });
    expect((await allRenders(projectId)).some((r) => r.scores)).toBe(false);
    expect((await t.call('story.scores', { projectId })).unscored).toBe(2);

    t.events.length = 0;
    // running, or waiting for the cancelled run's engine call to end
    expect(await t.call('scores.compute', { projectId })).toMatchObject({ state: expect.stringMatching(/running|waiting/), noModels: false });
    expect(await scoringDone(projectId)).toMatchObject({ scored: 2, total: 2 });
    expect((await t.call('story.scores', { projectId })).unscored).toBe(0);
  });

  it('with a background remover in the library, rescores identity on the characters alone and says which remover it used', async () => {
    const projectId = await story(['running', 'sleeping', 'eating']);
    const job = await t.call('jobs.generate', { projectId });
    await t.finished(job.id);
    await scoringDone(projectId);
    const before = await t.call('story.scores', { projectId });
    expect(before).toMatchObject({ segmentationModel: null, unscored: 0 });

    const remover = await t.call('models.register', { path: scoring.segmentation, name: 'Tiny remover' });
    expect(remover).toMatchObject({ kind: 'scoring', family: 'segmentation', isDefault: false });
    // scores taken from whole pictures do not mix with the remover's
    expect(await t.call('story.scores', { projectId })).toMatchObject({ unscored: 3, frames: [] });
    expect((await allRenders(projectId)).some((r) => r.scores)).toBe(false);
    t.events.length = 0;
    await t.call('scores.compute', { projectId });
    expect(await scoringDone(projectId)).toMatchObject({ scored: 3, total: 3, error: null });
    const after = await t.call('story.scores', { projectId });
    expect(after).toMatchObject({ segmentationModel: 'Tiny remover', unscored: 0 });
    expect(after.frames.map((f) => f.clipT)).toEqual(before.frames.map((f) => f.clipT));
    expect(after.clipI).not.toBeCloseTo(before.clipI!, 6);
    for (const render of await allRenders(projectId)) expect(render.scores).toMatchObject({ segmentationModel: remover.id });
    await t.call('models.remove', { id: remover.id });
  });
});
