// Models in the library, the token meter and the checks before a job is queued: real engine process,
// real fixture models, real SQLite.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeWithShared } from '../../test-support/shared.ts';
import { PROMPT_PART_SEPARATOR } from '../engine/tokenizer/index.ts';
import { openTestBackend, rejection, type TestBackend } from './backend.testing.ts';

describeWithShared('models and the story state', () => {
  let t: TestBackend;
  let scratch: string;

  beforeAll(async () => {
    t = await openTestBackend();
  });
  afterAll(() => t.close());
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'onestory-models-'));
    t.events.length = 0;
    return () => rmSync(scratch, { recursive: true, force: true });
  });

  it('registers a fixture model with its family, size and defaults, and lists it', async () => {
    const { warnings, ...model } = await t.call('models.register', { path: t.fixtures.sd15 });
    expect(warnings).toEqual([]); // nothing read outside the folder
    expect(model).toMatchObject({
      name: 'sd15',
      family: 'sd1',
      source: 'registered',
      path: t.fixtures.sd15,
      available: true,
      lastUsedAt: null,
      // The fixture's UNet is 8 latents wide; it runs with its own scheduler, PNDM, as SD 1.5 ships it.
      defaults: { width: 64, height: 64, steps: 50, guidance: 7.5, scheduler: 'pndm' },
      ipcaUnavailableReason: null,
    });
    expect(model.sizeBytes).toBeGreaterThan(1_000_000);
    expect(t.emitted('models.changed')).toHaveLength(1);
    expect(await t.call('models.list', {})).toContainEqual(model);

    // Registering the folder again refreshes the same record.
    const again = await t.call('models.register', { path: t.fixtures.sd15, name: 'Tiny SD' });
    expect(again).toEqual({ ...model, name: 'Tiny SD', warnings: [] });
    expect((await t.call('models.list', {})).filter((m) => m.path === t.fixtures.sd15)).toHaveLength(1);
  });

  it('refuses a broken folder with the models module’s message naming the path, and records nothing', async () => {
    const broken = join(scratch, 'broken-model');
    mkdirSync(broken);
    writeFileSync(join(broken, 'model_index.json'), '{"_class_name": "ORTStableDiffusionPipeline"}');
    const before = await t.call('models.list', {});

    for (const path of [broken, join(scratch, 'no-such-folder')]) {
      const error = await rejection(t.call('models.register', { path }));
      expect(error.code).toBe('invalid_input');
      expect(error.message).toContain(path);
    }
    expect(await t.call('models.list', {})).toEqual(before);
    expect(t.emitted('models.changed')).toEqual([]);
  });

  it('marks a model whose folder vanished as unavailable, and says so for stories that use it', async () => {
    const copy = join(scratch, 'copied-model');
    cpSync(t.fixtures.sd15, copy, { recursive: true });
    const model = await t.call('models.register', { path: copy });
    const project = await t.call('projects.create', { name: 'Vanishing', identityPrompt: 'a fox', modelId: model.id });
    await t.call('frames.add', { projectId: project.id, prompt: 'runs' });
    rmSync(copy, { recursive: true });

    expect((await t.call('models.list', {})).find((m) => m.id === model.id)?.available).toBe(false);
    const state = await t.call('story.state', { projectId: project.id });
    expect(state.errors).toEqual([`The model "copied-model" is missing: its folder ${copy} is gone. Put it back, or choose another model`]);
    const error = await rejection(t.call('jobs.generate', { projectId: project.id }));
    expect(error).toMatchObject({ code: 'invalid_input', message: state.errors[0] });
  });

  it("counts tokens with the story's model and maps the consolidated prompt to the frames", async () => {
    const model = await t.call('models.register', { path: t.fixtures.sd15 });
    const project = await t.call('projects.create', { name: 'Meter', identityPrompt: 'a watercolor fox', modelId: model.id });
    const a = await t.call('frames.add', { projectId: project.id, prompt: 'reading a book' });
    const b = await t.call('frames.add', { projectId: project.id, prompt: 'in the snow' });

    const state = await t.call('story.state', { projectId: project.id });
    expect(state).toEqual({
      projectId: project.id,
      capacity: 75,
      identityTokens: 3,
      prompts: [
        {
          text: ['a watercolor fox', 'reading a book', 'in the snow'].join(PROMPT_PART_SEPARATOR),
          parts: ['a watercolor fox', 'reading a book', 'in the snow'],
          frameIds: [a.id, b.id],
          tokens: 3 + 3 + 3,
        },
      ],
      frames: [
        { frameId: a.id, tokens: 3, promptIndex: 0, stale: false, staleReasons: [], variantCount: 0 },
        { frameId: b.id, tokens: 3, promptIndex: 0, stale: false, staleReasons: [], variantCount: 0 },
      ],
      warnings: [],
      errors: [],
    });
  });

  it('without a model: says "Choose a model", and still counts tokens with a model at hand', async () => {
    await t.call('models.register', { path: t.fixtures.sd15 });
    const project = await t.call('projects.create', { name: 'No model', identityPrompt: 'a watercolor fox', modelId: null });
    const frame = await t.call('frames.add', { projectId: project.id, prompt: 'reading a book' });
    const state = await t.call('story.state', { projectId: project.id });
    expect(state.errors).toEqual(['Choose a model for this story']);
    expect(state.identityTokens).toBe(3);
    expect(state.frames).toEqual([{ frameId: frame.id, tokens: 3, promptIndex: 0, stale: false, staleReasons: [], variantCount: 0 }]);
    expect(await rejection(t.call('jobs.generate', { projectId: project.id }))).toMatchObject({
      code: 'invalid_input',
      message: 'Choose a model for this story',
    });
  });

  it('refuses to queue a story that cannot be planned or frames of another story, changing nothing', async () => {
    const model = await t.call('models.register', { path: t.fixtures.sd15 });
    const project = await t.call('projects.create', { name: 'Bad', identityPrompt: 'a fox', modelId: model.id });
    const empty = await rejection(t.call('jobs.generate', { projectId: project.id }));
    expect(empty).toMatchObject({ code: 'invalid_input', message: 'The story cannot be generated: The story has no frames; add at least one' });

    const long = await t.call('frames.add', { projectId: project.id, prompt: 'very '.repeat(80) });
    const state = await t.call('story.state', { projectId: project.id });
    expect(state.frames[0]).toMatchObject({ promptIndex: null, tokens: 80 });
    // The error counts what the state reports (identity + frame), the one count the meter and the card show too.
    expect(state.errors).toEqual([`Frame 1's prompt is too long: identity + frame use ${state.identityTokens + 80} of 75 tokens; shorten it`]);
    const tooLong = await rejection(t.call('jobs.generate', { projectId: project.id, seed: 'new' }));
    expect(tooLong.message).toBe(`The story cannot be generated: ${state.errors[0]}`);

    await t.call('frames.update', { id: long.id, patch: { prompt: 'runs' } });
    const other = await t.call('projects.create', { name: 'Other', modelId: model.id });
    const stranger = await t.call('frames.add', { projectId: other.id, prompt: 'sleeps' });
    const foreign = await rejection(t.call('jobs.generate', { projectId: project.id, frameIds: [stranger.id], seed: 'new' }));
    expect(foreign).toMatchObject({ code: 'invalid_input', message: `Not frames of this story: ${stranger.id}` });

    // No seed was given out and no job queued by the refused calls.
    expect((await t.call('projects.get', { id: project.id })).frames[0].seedOverride).toBeNull();
    expect(await t.call('jobs.list', { projectId: project.id })).toEqual([]);
  });
});
