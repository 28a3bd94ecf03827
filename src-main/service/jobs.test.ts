// Generating stories through dispatch: the job queue on the real engine process with the fixture
// models, renders in real SQLite. No timing is asserted; every wait is on events.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Frame, ModelRecord, SettingsPatch } from '../../src-shared/domain/index.ts';
import { writeFixtureVariant } from '../../scripts/fixtures/ensure.ts';
import { describeWithShared } from '../../test-support/shared.ts';
import { CRASH_MARKER, openTestBackend, type TestBackend } from './backend.testing.ts';
import { THUMBNAIL_WIDTH } from './jobs/thumbnail.ts';

const FRAME_PROMPTS = ['reading a book', 'in the snow', 'asleep under a tree', 'chasing a butterfly'];
/** Enough steps that a cancel at the first progress lands mid-job; the fixture makes them cheap. */
const SETTINGS: SettingsPatch = { steps: 6 };

describeWithShared('jobs on the engine', () => {
  let t: TestBackend;
  let model: ModelRecord;

  beforeAll(async () => {
    t = await openTestBackend();
    model = await t.call('models.register', { path: t.fixtures.sd15 });
  });
  afterAll(() => t.close());
  beforeEach(() => {
    t.events.length = 0;
  });

  async function story(opts: { identity?: string; settings?: SettingsPatch; modelId?: string } = {}): Promise<{ projectId: string; frames: Frame[] }> {
    const project = await t.call('projects.create', {
      name: 'Fox story',
      identityPrompt: opts.identity ?? 'a watercolor fox',
      negativePrompt: 'blurry',
      modelId: opts.modelId ?? model.id,
      settings: { ...SETTINGS, ...opts.settings },
    });
    for (const prompt of FRAME_PROMPTS) await t.call('frames.add', { projectId: project.id, prompt });
    return { projectId: project.id, frames: await frames(project.id) };
  }

  async function frames(projectId: string): Promise<Frame[]> {
    return (await t.call('projects.get', { id: projectId })).frames;
  }

  async function generate(projectId: string, opts: { frameIds?: string[]; seed?: 'same' | 'new' } = {}) {
    const job = await t.call('jobs.generate', { projectId, ...opts });
    return t.finished(job.id);
  }

  /** The current render's PNG of each frame, in story order. */
  async function currentImages(projectId: string): Promise<(Buffer | undefined)[]> {
    return (await frames(projectId)).map((f) => (f.currentRenderId ? t.backend.readRenderImage(f.currentRenderId, 'full') : undefined));
  }

  async function staleFrames(projectId: string): Promise<string[]> {
    const state = await t.call('story.state', { projectId });
    return state.frames.filter((f) => f.stale).map((f) => f.frameId);
  }

  it('generates a 4-frame story: progress and previews arrive, four renders are stored with thumbnails and full parameters', async () => {
    const { projectId, frames: before } = await story();
    const job = await t.call('jobs.generate', { projectId });
    expect(job).toMatchObject({ projectId, frameIds: before.map((f) => f.id), doneFrameIds: [], error: null });
    const done = await t.finished(job.id);
    expect(done).toMatchObject({ status: 'done', doneFrameIds: expect.arrayContaining(before.map((f) => f.id)), error: null });

    const updates = t.emitted('job.updated', (j) => j.id === job.id);
    expect(updates.map((j) => j.status).filter((s, i, all) => s !== all[i - 1])).toEqual(['queued', 'running', 'done']);
    const progress = updates.flatMap((j) => (j.progress ? [j.progress] : []));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0]).toMatchObject({ frameIds: before.map((f) => f.id), totalSteps: 6, etaMs: null });
    // timed from the second step on: the finished job keeps the last figure
    expect(done.progress?.secondsPerStep).toBeGreaterThan(0);
    const previews = t.emitted('job.preview', (p) => p.jobId === job.id);
    expect(new Set(previews.map((p) => p.frameId))).toEqual(new Set(before.map((f) => f.id)));
    for (const p of previews) expect(p.dataUrl).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);

    const created = t.emitted('render.created', (r) => r.projectId === projectId);
    expect(created.map((r) => r.frameId).sort()).toEqual(before.map((f) => f.id).sort());
    const state = await t.call('story.state', { projectId });
    const after = await frames(projectId);
    for (const [j, frame] of after.entries()) {
      const renders = await t.call('renders.list', { frameId: frame.id });
      expect(renders).toHaveLength(1);
      const [render] = renders;
      expect(frame.currentRenderId).toBe(render.id);
      expect(created.find((r) => r.frameId === frame.id)?.render).toEqual(render);
      expect(render.params).toEqual({
        modelId: model.id,
        modelFamily: 'sd1',
        settings: (await t.call('projects.get', { id: projectId })).project.settings,
        width: 64,
        height: 64,
        steps: 6,
        guidance: 7.5,
        scheduler: 'pndm',
        seed: 42,
        identityPrompt: 'a watercolor fox',
        negativePrompt: 'blurry',
        framePrompt: FRAME_PROMPTS[j],
        storyPrompt: state.prompts[0].text,
        partIndex: j,
        planHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        window: after.map((f) => ({ frameId: f.id, prompt: f.prompt })),
      });
      const full = await sharp(t.backend.readRenderImage(render.id, 'full')).metadata();
      expect(full).toMatchObject({ format: 'png', width: 64, height: 64 });
      const thumb = await sharp(t.backend.readRenderImage(render.id, 'thumb')).metadata();
      expect(thumb.format).toBe('png');
      expect(thumb.width).toBeLessThanOrEqual(THUMBNAIL_WIDTH);
    }
    expect(state.frames.map((f) => [f.stale, f.variantCount])).toEqual(after.map(() => [false, 1]));
    expect((await t.call('models.list', {})).find((m) => m.id === model.id)?.lastUsedAt).not.toBeNull();
  });

  it('β changes stale every frame; regenerating frame 2 alone gives it a new variant and leaves the others byte-identical', async () => {
    const { projectId, frames: [, second] } = await story();
    await generate(projectId);
    const before = await currentImages(projectId);
    const renderIds = (await frames(projectId)).map((f) => f.currentRenderId);

    await t.call('projects.update', { id: projectId, patch: { settings: { reweight: { betaEnhance: 1.5 } }, negativePrompt: 'dark' } });
    expect(await staleFrames(projectId)).toHaveLength(FRAME_PROMPTS.length);

    expect(await generate(projectId, { frameIds: [second.id] })).toMatchObject({ status: 'done', frameIds: [second.id], doneFrameIds: [second.id] });
    const variants = await t.call('renders.list', { frameId: second.id });
    expect(variants).toHaveLength(2);
    expect(variants[1].params.settings.reweight.betaEnhance).toBe(1.5);
    const after = await frames(projectId);
    expect(after[1].currentRenderId).toBe(variants[1].id);
    expect(after.map((f) => f.currentRenderId)).toEqual([renderIds[0], variants[1].id, renderIds[2], renderIds[3]]);
    const images = await currentImages(projectId);
    for (const j of [0, 2, 3]) expect(images[j]!.equals(before[j]!)).toBe(true);
    expect(images[1]!.equals(before[1]!)).toBe(false);

    // The earlier variant can be chosen again.
    const chosen = await t.call('frames.selectVariant', { frameId: second.id, renderId: variants[0].id });
    expect(chosen.currentRenderId).toBe(variants[0].id);
    expect(t.backend.readRenderImage(variants[0].id, 'full')!.equals(before[1]!)).toBe(true);
  });

  it('a new seed is stored as the frame’s override and used for its render', async () => {
    const { projectId, frames: [first] } = await story();
    await generate(projectId, { frameIds: [first.id], seed: 'new' });
    const [reseeded] = await frames(projectId);
    expect(reseeded.seedOverride).toEqual(expect.any(Number));
    const [render] = await t.call('renders.list', { frameId: first.id });
    expect(render.params.seed).toBe(reseeded.seedOverride);
    expect(render.params.settings.seed).toBe(42);
  });

  it('reordering stales the frames whose conditioning changed (all, in one prompt), and regenerating the stale ones clears it', async () => {
    const { projectId, frames: [a, b] } = await story();
    await generate(projectId);
    await t.call('frames.reorder', { id: b.id, toPosition: 2 });
    // One consolidated prompt: every frame is conditioned on every frame prompt in order.
    const stale = await staleFrames(projectId);
    expect(stale).toHaveLength(4);
    expect(await generate(projectId, { frameIds: stale })).toMatchObject({ status: 'done' });
    expect(await staleFrames(projectId)).toEqual([]);

    // Editing a frame's prompt or the identity, or switching models, stales again; the caption does not.
    await t.call('frames.update', { id: a.id, patch: { caption: 'Morning' } });
    expect(await staleFrames(projectId)).toEqual([]);
    await t.call('frames.update', { id: a.id, patch: { prompt: 'reading a map' } });
    expect(await staleFrames(projectId)).toHaveLength(4);
  });

  it('in a story of sliding windows, a reorder stales exactly the frames whose window changed', async () => {
    const { projectId, frames: [a, b, c, d] } = await story({ settings: { windowLength: 2 } });
    await generate(projectId);
    expect(await staleFrames(projectId)).toEqual([]);
    // Windows [a b] [b c] [c d] [d a] become [a c] [c b] [b d] [d a]: d's window is unchanged.
    await t.call('frames.reorder', { id: b.id, toPosition: 2 });
    expect((await staleFrames(projectId)).sort()).toEqual([a.id, b.id, c.id].sort());
    const regenerated = await generate(projectId, { frameIds: await staleFrames(projectId) });
    expect(regenerated.frameIds).toEqual([a.id, c.id, b.id]);
    expect(await staleFrames(projectId)).toEqual([]);
    expect((await t.call('story.state', { projectId })).frames.map((f) => f.variantCount)).toEqual([2, 2, 2, 1]);
    expect((await frames(projectId)).map((f) => f.id)).toEqual([a.id, c.id, b.id, d.id]);
  });

  it('switching the story to another model stales every render', async () => {
    const { projectId } = await story();
    await generate(projectId);
    const sdxl = await t.call('models.register', { path: t.fixtures.sdxl });
    await t.call('projects.update', { id: projectId, patch: { modelId: sdxl.id } });
    expect(await staleFrames(projectId)).toHaveLength(4);
  });

  it('cancels a running job mid-way: nothing of it is stored, and the next job runs', async () => {
    const { projectId, frames: story1 } = await story();
    let cancelled: Promise<unknown> | undefined;
    const unsubscribe = t.onJobUpdate((job) => {
      if (job.progress && !cancelled) cancelled = t.call('jobs.cancel', { id: job.id });
    });
    const first = await t.call('jobs.generate', { projectId });
    const second = await t.call('jobs.generate', { projectId });
    expect(await t.finished(first.id)).toMatchObject({ status: 'cancelled', doneFrameIds: [], error: 'Cancelled by you.' });
    unsubscribe();
    expect(await cancelled).toMatchObject({ id: first.id, status: 'cancelled' });
    expect(await t.finished(second.id)).toMatchObject({ status: 'done' });
    for (const frame of story1) expect(await t.call('renders.list', { frameId: frame.id })).toHaveLength(1);
    expect(t.emitted('render.created').every((r) => second.frameIds.includes(r.frameId))).toBe(true);
    expect(t.emitted('job.updated', (j) => j.id === first.id).at(-1)?.status).toBe('cancelled');
  });

  it('cancels a queued job: it never runs', async () => {
    const { projectId } = await story();
    const running = await t.call('jobs.generate', { projectId });
    const queued = await t.call('jobs.generate', { projectId });
    expect(await t.call('jobs.cancel', { id: queued.id })).toMatchObject({ status: 'cancelled', error: 'Cancelled by you.' });
    expect(await t.finished(running.id)).toMatchObject({ status: 'done' });
    expect(t.emitted('job.updated', (j) => j.id === queued.id).map((j) => j.status)).toEqual(['queued', 'cancelled']);
    // Cancelling a finished job changes nothing.
    expect(await t.call('jobs.cancel', { id: running.id })).toMatchObject({ status: 'done' });
  });

  it('deleting a story cancels its jobs', async () => {
    const running = await story();
    const doomed = await story();
    const first = await t.call('jobs.generate', { projectId: running.projectId });
    const queued = await t.call('jobs.generate', { projectId: doomed.projectId });
    await t.call('projects.delete', { id: doomed.projectId });
    expect(await t.finished(queued.id)).toMatchObject({ status: 'cancelled', error: 'Cancelled: its story was deleted.' });
    expect(await t.finished(first.id)).toMatchObject({ status: 'done' });
  });

  it('when the engine dies mid-job the job fails with the reason, and the next job succeeds', async () => {
    const crashing = await story({ identity: `a watercolor fox ${CRASH_MARKER}` });
    const healthy = await story();
    const failed = await t.call('jobs.generate', { projectId: crashing.projectId });
    const next = await t.call('jobs.generate', { projectId: healthy.projectId });
    expect(await t.finished(failed.id)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^The generation engine stopped unexpectedly \(signal SIGKILL\); it has been restarted/),
    });
    expect(await t.finished(next.id)).toMatchObject({ status: 'done', error: null });
    for (const frame of crashing.frames) expect(await t.call('renders.list', { frameId: frame.id })).toEqual([]);
    for (const frame of healthy.frames) expect(await t.call('renders.list', { frameId: frame.id })).toHaveLength(1);
  });

  it('runs queued jobs in order, one at a time, and lists them that way', async () => {
    const stories = await Promise.all([story(), story(), story()]);
    // Dispatched together: all three are queued before the engine can answer the first.
    const jobs = await Promise.all(stories.map((s) => t.call('jobs.generate', { projectId: s.projectId })));
    expect((await t.call('jobs.list', {})).slice(0, 3).map((j) => [j.id, j.status])).toEqual([
      [jobs[0].id, 'running'],
      [jobs[1].id, 'queued'],
      [jobs[2].id, 'queued'],
    ]);
    expect(await t.call('jobs.list', { projectId: stories[1].projectId })).toEqual([expect.objectContaining({ id: jobs[1].id })]);
    for (const job of jobs) expect(await t.finished(job.id)).toMatchObject({ status: 'done' });

    const transitions = t
      .emitted('job.updated', (j) => j.status !== 'queued')
      .map((j) => `${jobs.findIndex((x) => x.id === j.id)} ${j.status}`)
      .filter((s, i, all) => s !== all[i - 1]);
    expect(transitions).toEqual(['0 running', '0 done', '1 running', '1 done', '2 running', '2 done']);
    expect((await t.call('jobs.list', {})).slice(0, 3).map((j) => j.id)).toEqual([jobs[2].id, jobs[1].id, jobs[0].id]);
  });

  it('drops the image of a frame deleted while its job ran', async () => {
    const { projectId, frames: [doomed, ...kept] } = await story();
    const unsubscribe = t.onJobUpdate((job) => {
      if (job.progress) {
        unsubscribe();
        void t.call('frames.delete', { id: doomed.id });
      }
    });
    expect(await generate(projectId)).toMatchObject({ status: 'done', doneFrameIds: expect.not.arrayContaining([doomed.id]) });
    expect(t.emitted('render.created').map((r) => r.frameId).sort()).toEqual(kept.map((f) => f.id).sort());
  });

  it('a model whose UNet takes a fixed 77-token context: its record says why IPCA is unavailable; a story asking for IPCA renders with it off, as its renders record', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'onestory-fixed-context-'));
    try {
      const fixed = await t.call('models.register', { path: await writeFixtureVariant(join(scratch, 'sd15-fixed'), 'sd15', { unetContextTokens: 77 }) });
      expect(fixed.ipcaUnavailableReason).toMatch(/^The UNet was exported with a fixed 77-token context \(encoder_hidden_states\).*Re-export the UNet with a dynamic sequence axis/);
      expect(model.ipcaUnavailableReason).toBeNull();

      const { projectId } = await story({ modelId: fixed.id, settings: { ipca: 'reference' } });
      expect(await generate(projectId)).toMatchObject({ status: 'done', error: null });
      const { settings } = (await t.call('projects.get', { id: projectId })).project;
      expect(settings.ipca).toBe('reference'); // the story keeps its choice for a model that can run it
      const renders = t.emitted('render.created', (r) => r.projectId === projectId).map((r) => r.render);
      expect(renders).toHaveLength(FRAME_PROMPTS.length);
      for (const render of renders) expect(render.params.settings).toEqual({ ...settings, ipca: 'off' });
      // Asking for IPCA on a model that cannot run it is what made these renders: they are up to date.
      expect(await staleFrames(projectId)).toEqual([]);
      await t.call('models.remove', { id: fixed.id, deleteFiles: false });
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
