// Staleness through the contract, on renders the real engine made with the fixture models, in real SQLite: every
// field that shapes the pixels, changed alone, stales exactly the frames it affects and says so; changed back, they
// are fresh again. Kept frames stay as they are, and exports say what made each picture.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../src-shared/contract/index.ts';
import type { Frame, ModelRecord, SettingsPatch } from '../../src-shared/domain/index.ts';
import { describeWithShared } from '../../test-support/shared.ts';
import { describeWithTools, runTool } from '../export/decoders.testing.ts';
import { useTempDir } from '../store/temp-dir.testing.ts';
import { openTestBackend, type TestBackend } from './backend.testing.ts';

const PROMPTS = ['reading a book', 'in the snow', 'asleep under a tree'];
const BASE: SettingsPatch = { steps: 2 };

type ProjectPatch = MethodInput<'projects.update'>['patch'];

describeWithShared('staleness on real renders', () => {
  let t: TestBackend;
  let model: ModelRecord;
  const dir = useTempDir();

  beforeAll(async () => {
    t = await openTestBackend();
    model = await t.call('models.register', { path: t.fixtures.sd15 });
  });
  afterAll(() => t.close());
  beforeEach(() => {
    t.events.length = 0;
  });

  async function renderedStory(settings: SettingsPatch = {}): Promise<{ projectId: string; frames: Frame[] }> {
    const project = await t.call('projects.create', {
      name: 'Fox story',
      identityPrompt: 'a watercolor fox',
      negativePrompt: 'blurry',
      modelId: model.id,
      settings: { ...BASE, ...settings },
    });
    for (const prompt of PROMPTS) await t.call('frames.add', { projectId: project.id, prompt });
    await generate(project.id);
    return { projectId: project.id, frames: await frames(project.id) };
  }

  const frames = async (projectId: string) => (await t.call('projects.get', { id: projectId })).frames;

  async function generate(projectId: string, frameIds?: string[]) {
    const job = await t.call('jobs.generate', { projectId, frameIds });
    const done = await t.finished(job.id);
    expect(done.status).toBe('done');
    return done;
  }

  /** Each frame's reasons, in story order, and which frames story.state calls stale. */
  async function state(projectId: string) {
    const s = await t.call('story.state', { projectId });
    return { reasons: s.frames.map((f) => f.staleReasons), stale: s.frames.map((f) => f.stale) };
  }

  describe('each field, changed alone', () => {
    let projectId: string;
    let ids: string[];
    beforeAll(async () => {
      const story = await renderedStory();
      projectId = story.projectId;
      ids = story.frames.map((f) => f.id);
    });

    const update = (patch: ProjectPatch) => t.call('projects.update', { id: projectId, patch });

    // [what changes, the change, the change back, the reason every affected frame gives, the affected frames]
    const cases: [string, ProjectPatch, ProjectPatch, string, number[]][] = [
      ['width', { settings: { width: 72 } }, { settings: { width: null } }, 'size changed: 64×64 → 72×64', [0, 1, 2]],
      ['height', { settings: { height: 80 } }, { settings: { height: null } }, 'size changed: 64×64 → 64×80', [0, 1, 2]],
      ['steps', { settings: { steps: 3 } }, { settings: { steps: 2 } }, 'steps changed: 2 → 3', [0, 1, 2]],
      ['guidance', { settings: { guidance: 5 } }, { settings: { guidance: null } }, 'guidance changed: 7.5 → 5', [0, 1, 2]],
      ['scheduler', { settings: { scheduler: 'euler' } }, { settings: { scheduler: 'model' } }, 'scheduler changed: pndm → euler', [0, 1, 2]],
      ['noise', { settings: { noise: 'float16' } }, { settings: { noise: 'float32' } }, 'noise changed: float32 → float16', [0, 1, 2]],
      ['story seed', { settings: { seed: 1832819952 } }, { settings: { seed: 42 } }, 'seed changed: 42 → 1832819952', [0, 1, 2]],
      ['reweighting mode', { settings: { reweight: { mode: 'svr-eot' } } }, { settings: { reweight: { mode: 'svr' } } }, 'reweighting changed: svr → svr-eot', [0, 1, 2]],
      ['α', { settings: { reweight: { alphaEnhance: 0.0125 } } }, { settings: { reweight: { alphaEnhance: 0.01 } } }, 'α changed: 0.01 → 0.0125', [0, 1, 2]],
      ['β', { settings: { reweight: { betaEnhance: 1.61 } } }, { settings: { reweight: { betaEnhance: 1 } } }, 'β changed: 1 → 1.61', [0, 1, 2]],
      ['α′', { settings: { reweight: { alphaSuppress: 0.02 } } }, { settings: { reweight: { alphaSuppress: 0.01 } } }, 'α′ changed: 0.01 → 0.02', [0, 1, 2]],
      ['β′', { settings: { reweight: { betaSuppress: 0.1 } } }, { settings: { reweight: { betaSuppress: 0.05 } } }, 'β′ changed: 0.05 → 0.1', [0, 1, 2]],
      ['IPCA', { settings: { ipca: 'reference' } }, { settings: { ipca: 'paper' } }, 'IPCA changed: paper → reference', [0, 1, 2]],
      ['window length', { settings: { windowLength: 2 } }, { settings: { windowLength: 10 } }, 'window length changed: 10 → 2', [0, 1, 2]],
      ['identity prompt', { identityPrompt: 'an ink fox' }, { identityPrompt: 'a watercolor fox' }, 'the identity prompt changed', [0, 1, 2]],
      ['negative prompt', { negativePrompt: 'dark' }, { negativePrompt: 'blurry' }, 'the negative prompt changed', [0, 1, 2]],
    ];

    it.each(cases)('%s', async (_, change, back, reason, affected) => {
      await update(change);
      const after = await state(projectId);
      expect(after.reasons).toEqual(ids.map((__, j) => (affected.includes(j) ? [reason] : [])));
      expect(after.stale).toEqual(ids.map((__, j) => affected.includes(j)));
      await update(back);
      expect(await state(projectId)).toEqual({ reasons: [[], [], []], stale: [false, false, false] });
    });

    it('a frame’s own seed stales that frame only', async () => {
      await t.call('frames.update', { id: ids[1], patch: { seedOverride: 7 } });
      expect((await state(projectId)).reasons).toEqual([[], ['seed changed: 42 → 7'], []]);
      await t.call('frames.update', { id: ids[1], patch: { seedOverride: null } });
      expect((await state(projectId)).reasons).toEqual([[], [], []]);
    });

    it('editing one prompt stales every frame of its consolidated prompt, naming the frame', async () => {
      await t.call('frames.update', { id: ids[2], patch: { prompt: 'asleep under an oak' } });
      expect((await state(projectId)).reasons).toEqual(ids.map(() => ["the story prompt changed: frame 3's prompt was edited"]));
      await t.call('frames.update', { id: ids[2], patch: { prompt: PROMPTS[2] } });
      expect((await state(projectId)).reasons).toEqual([[], [], []]);
    });

    it('reordering stales every frame, saying so', async () => {
      await t.call('frames.reorder', { id: ids[0], toPosition: 2 });
      expect((await state(projectId)).reasons).toEqual(ids.map(() => ['the story prompt changed: the frames were reordered']));
      await t.call('frames.reorder', { id: ids[0], toPosition: 0 });
      expect((await state(projectId)).reasons).toEqual([[], [], []]);
    });

    it('the model', async () => {
      const other = await t.call('models.register', { path: t.fixtures.sdxl });
      await update({ modelId: other.id });
      const { reasons } = await state(projectId);
      for (const frame of reasons) expect(frame[0]).toBe(`model changed: ${model.name} → ${other.name}`);
      await update({ modelId: model.id });
      expect((await state(projectId)).reasons).toEqual([[], [], []]);
    });

    it('what cannot change the pixels stales nothing: "model default" set to its value, naive factors under SVR, a window longer than the story, texts', async () => {
      for (const patch of [
        { settings: { guidance: 7.5, width: 64, scheduler: 'pndm' } },
        { settings: { reweight: { naiveEnhance: 3 } } },
        { settings: { windowLength: 5 } },
      ] satisfies ProjectPatch[]) {
        await update(patch);
        expect(await state(projectId)).toEqual({ reasons: [[], [], []], stale: [false, false, false] });
      }
      await t.call('frames.update', { id: ids[0], patch: { caption: 'Morning', notes: 'slow', durationMs: 3000 } });
      expect((await state(projectId)).reasons).toEqual([[], [], []]);
    });
  });

  it('under naive reweighting its factors count and α does not', async () => {
    const { projectId } = await renderedStory({ reweight: { mode: 'naive' } });
    const update = (reweight: SettingsPatch['reweight']) => t.call('projects.update', { id: projectId, patch: { settings: { reweight } } });
    await update({ naiveEnhance: 3 });
    expect((await state(projectId)).reasons[0]).toEqual(['naive enhance factor changed: 2 → 3']);
    await update({ naiveEnhance: 2, naiveSuppress: 0.25 });
    expect((await state(projectId)).reasons[0]).toEqual(['naive suppress factor changed: 0.5 → 0.25']);
    await update({ naiveSuppress: 0.5, alphaEnhance: 0.5 });
    expect((await state(projectId)).reasons[0]).toEqual([]);
  });

  describeWithTools(['pdftotext'], 'kept frames and exports', () => {
    it('a kept frame survives "regenerate stale" and "generate all" untouched, exports without a placeholder, and the PDF says what made each frame', async () => {
      const { projectId, frames: [a, b, c] } = await renderedStory();
      // Frame 2 again with a new seed; then α and β move: every frame is stale.
      const reseeded = await t.call('jobs.generate', { projectId, frameIds: [b.id], seed: 'new' });
      await t.finished(reseeded.id);
      const seed = (await frames(projectId))[1].seedOverride!;
      await t.call('projects.update', { id: projectId, patch: { settings: { reweight: { alphaEnhance: 0.0125, betaEnhance: 1.61 } } } });
      expect((await state(projectId)).stale).toEqual([true, true, true]);

      const kept = await t.call('frames.update', { id: b.id, patch: { kept: true } });
      expect(kept.kept).toBe(true);
      const keptRender = kept.currentRenderId;
      const after = await t.call('story.state', { projectId });
      expect(after.frames[1]).toMatchObject({ stale: false, staleReasons: ['α changed: 0.01 → 0.0125', 'β changed: 1 → 1.61'] });

      // "Regenerate stale" renders what story.state calls stale; "generate all" leaves the kept frame too.
      const stale = after.frames.filter((f) => f.stale).map((f) => f.frameId);
      expect(stale).toEqual([a.id, c.id]);
      await generate(projectId, stale);
      expect((await generate(projectId)).frameIds).toEqual([a.id, c.id]);
      expect((await frames(projectId))[1]).toMatchObject({ kept: true, currentRenderId: keptRender });

      expect((await t.call('exports.check', { projectId })).problems).toEqual([]);
      const pdf = await t.call('exports.create', { projectId, request: { format: 'pdf', onProblems: 'fail', pdf: { titlePage: true } } });
      expect(pdf.problems).toEqual([]);
      const path = join(dir(), 'story.pdf');
      writeFileSync(path, readFileSync(t.backend.exportFiles.find(pdf.exportId)!.path));
      const text = runTool('pdftotext', ['-enc', 'UTF-8', path, '-']).replace(/\s+/g, ' ');
      expect(text).toContain(`Frames 1, 3: seed 42, alpha 0.0125, beta 1.61`);
      expect(text).toContain(`Frame 2: seed ${seed}, alpha 0.01, beta 1`);
      expect(text).toContain(`Rendered with model ${model.name}, 64 × 64, 2 steps, scheduler pndm`);
      expect(text).toContain('Frame 2: kept by the user as made');

      // Regenerating the kept frame by name replaces what was kept: it is no longer kept.
      await generate(projectId, [b.id]);
      expect((await frames(projectId))[1].kept).toBe(false);
      expect((await state(projectId)).stale).toEqual([false, false, false]);
    });
  });

  it('refuses to keep a frame that has no picture yet', async () => {
    const project = await t.call('projects.create', { name: 'Empty', modelId: model.id });
    const frame = await t.call('frames.add', { projectId: project.id, prompt: 'a fox' });
    await expect(t.call('frames.update', { id: frame.id, patch: { kept: true } })).rejects.toThrow('has no picture to keep yet');
  });
});
