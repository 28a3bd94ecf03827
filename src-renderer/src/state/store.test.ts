import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, createClient, type MethodInput, type MethodName } from '../../../src-shared/contract/index.ts';
import { DEFAULT_SETTINGS, type Frame, type Job, type ModelRecord, type ProjectWithFrames, type StoryState } from '../../../src-shared/domain/index.ts';
import { createAppStore } from './store.ts';
import { frameId, makeFrame, PROJECT_ID } from './test-frames.testing.ts';

const renderId = (n: number) => `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;
const jobId = (n: number) => `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`;
const JOB_ID = jobId(1);

function makeJob(patch: Partial<Job>): Job {
  return {
    id: JOB_ID,
    projectId: PROJECT_ID,
    frameIds: [frameId(1), frameId(2)],
    doneFrameIds: [],
    status: 'queued',
    createdAt: 1,
    startedAt: null,
    finishedAt: null,
    progress: null,
    error: null,
    warnings: [],
    resumed: false,
    ...patch,
  };
}

/** A backend holding one story in memory, recording every call; `failing` methods answer with an error. */
function fakeBackend(frameCount: number, jobs: Job[] = []) {
  const story: ProjectWithFrames = {
    project: { id: PROJECT_ID, name: 'Story', identityPrompt: '', negativePrompt: '', modelId: null, settings: DEFAULT_SETTINGS, createdAt: 0, updatedAt: 0 },
    frames: Array.from({ length: frameCount }, (_, i) => makeFrame(i + 1, i)),
    scenes: [],
  };
  let nextFrame = 100;
  let nextScene = 1;
  const stale = new Set<string>();
  const calls: Array<{ method: MethodName; input: unknown }> = [];
  const failing = new Set<MethodName>();
  const renumber = () => story.frames.forEach((f, i) => (f.position = i));
  const requireFrame = (id: string) => {
    const frame = story.frames.find((f) => f.id === id);
    if (!frame) throw new ApiError('not_found', `Frame ${id} not found`);
    return frame;
  };
  const storyState = (): StoryState => ({
    projectId: PROJECT_ID,
    capacity: 75,
    identityTokens: 0,
    prompts: [{ text: '', frameIds: story.frames.map((f) => f.id), tokens: 2 * story.frames.length, parts: [] }],
    frames: story.frames.map((f) => {
      const staleReasons = stale.has(f.id) || f.kept ? ['α changed: 0.01 → 0.0125'] : [];
      return { frameId: f.id, tokens: 2, promptIndex: 0, stale: staleReasons.length > 0 && !f.kept, staleReasons, variantCount: f.currentRenderId ? 1 : 0 };
    }),
    warnings: [],
    errors: [],
  });
  const handlers: Partial<Record<MethodName, (input: never) => unknown>> = {
    'projects.get': () => structuredClone(story),
    'projects.update': ({ patch }: MethodInput<'projects.update'>) => {
      const { settings, ...rest } = patch;
      Object.assign(story.project, rest);
      if (settings) story.project.settings = { ...story.project.settings, ...settings, reweight: { ...story.project.settings.reweight, ...settings.reweight } };
      return story.project;
    },
    'frames.add': (input: MethodInput<'frames.add'>) => {
      const frame = { ...makeFrame(nextFrame++, 0), prompt: input.prompt, caption: input.caption ?? '', notes: input.notes ?? '' };
      story.frames.splice(input.position ?? story.frames.length, 0, frame);
      renumber();
      return frame;
    },
    'frames.update': ({ id, patch }: { id: string; patch: Partial<Frame> }) => Object.assign(requireFrame(id), patch),
    'frames.delete': ({ id }: { id: string }) => {
      story.frames.splice(story.frames.indexOf(requireFrame(id)), 1);
      renumber();
      return { ok: true };
    },
    'frames.reorder': ({ id, toPosition }: { id: string; toPosition: number }) => {
      const [moved] = story.frames.splice(story.frames.indexOf(requireFrame(id)), 1);
      story.frames.splice(toPosition, 0, moved);
      renumber();
      return story.frames;
    },
    'scenes.add': ({ heading, frameIds = [] }: MethodInput<'scenes.add'>) => {
      const scene = { id: `00000000-0000-4000-b000-${String(nextScene++).padStart(12, '0')}`, projectId: PROJECT_ID, heading, createdAt: 0, updatedAt: 0 };
      story.scenes.push(scene);
      for (const id of frameIds) requireFrame(id).sceneId = scene.id;
      return scene;
    },
    'scenes.delete': ({ id }: { id: string }) => {
      story.scenes = story.scenes.filter((s) => s.id !== id);
      for (const frame of story.frames) if (frame.sceneId === id) frame.sceneId = null;
      return { ok: true };
    },
    'frames.selectVariant': ({ frameId: id, renderId: rid }: { frameId: string; renderId: string }) => Object.assign(requireFrame(id), { currentRenderId: rid }),
    'story.state': storyState,
    'jobs.list': () => jobs,
    'models.list': () => [],
    'jobs.generate': (input: MethodInput<'jobs.generate'>) => makeJob({ frameIds: input.frameIds ?? story.frames.map((f) => f.id) }),
    'jobs.cancel': ({ id }: { id: string }) => ({ ...(jobs.find((j) => j.id === id) ?? makeJob({ id })), status: 'cancelled', finishedAt: 5 }),
  };
  const invoke = async (method: MethodName, input: unknown) => {
    calls.push({ method, input });
    if (failing.has(method)) throw new ApiError('invalid_input', `Invalid input for ${method}: patch.prompt: too long`);
    return handlers[method]!(input as never);
  };
  return { client: createClient(invoke), calls, failing, story, stale, handlers };
}

async function openStory(frameCount: number, jobs: Job[] = []) {
  const backend = fakeBackend(frameCount, jobs);
  const store = createAppStore({
    client: backend.client,
    route: { page: 'project', id: PROJECT_ID },
    theme: 'light',
    themeChosen: false,
    imageUrl: (id, kind) => `/images/${id}/${kind}.png`,
    files: { deliverExport: async () => true, importProjectFile: async () => null, saveImage: async () => true, dragImageOut: null },
    typingDelayMs: 100,
  });
  await store.getState().actions.reload();
  await vi.runAllTimersAsync();
  backend.calls.length = 0;
  return { ...backend, store, actions: store.getState().actions };
}

const READS = new Set<MethodName>(['projects.get', 'story.state', 'jobs.list', 'models.list', 'renders.list', 'story.scores']);
const writes = (calls: Array<{ method: MethodName }>) => calls.map((c) => c.method).filter((m) => !READS.has(m));
const prompts = (store: { getState(): { story: ProjectWithFrames | null } }) => store.getState().story?.frames.map((f) => f.prompt);

describe('app store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves typing once after the pause, and before a reorder that follows it', async () => {
    const { store, actions, calls, story } = await openStory(3);
    actions.editFrame(frameId(1), { prompt: 'a' });
    actions.editFrame(frameId(1), { prompt: 'ab' });
    expect(store.getState().story?.frames[0].prompt).toBe('ab');
    expect(store.getState().pendingSaves).toBe(1);

    actions.editFrame(frameId(2), { caption: 'x' });
    actions.moveFrame(frameId(3), 0);
    expect(store.getState().story?.frames.map((f) => f.id)).toEqual([frameId(3), frameId(1), frameId(2)]);
    await vi.runAllTimersAsync();

    expect(writes(calls)).toEqual(['frames.update', 'frames.update', 'frames.reorder']);
    expect(calls[0].input).toEqual({ id: frameId(1), patch: { prompt: 'ab' } });
    expect(story.frames.map((f) => f.id)).toEqual([frameId(3), frameId(1), frameId(2)]);
    expect(store.getState()).toMatchObject({ pendingSaves: 0, saveFailed: false, error: null });
  });

  it('reports a failed save and goes back to what the backend holds', async () => {
    const { store, actions, failing } = await openStory(1);
    failing.add('frames.update');
    actions.editFrame(frameId(1), { prompt: 'x'.repeat(10) });
    actions.flushEdits();
    await vi.runAllTimersAsync();

    expect(store.getState()).toMatchObject({ saveFailed: true, error: 'Invalid input for frames.update: patch.prompt: too long' });
    expect(store.getState().story?.frames[0].prompt).toBe('prompt 1');
    actions.dismissError();
    expect(store.getState().error).toBeNull();
  });

  it('catches up with changes from elsewhere, but never over edits still on their way', async () => {
    const { store, actions, story } = await openStory(1);
    actions.editFrame(frameId(1), { notes: 'mine' });
    story.frames[0].caption = 'from another window';
    actions.backendChanged();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().story?.frames[0]).toMatchObject({ notes: 'mine', caption: '' });

    await vi.runAllTimersAsync();
    actions.backendChanged();
    await vi.runAllTimersAsync();
    expect(store.getState().story?.frames[0]).toMatchObject({ notes: 'mine', caption: 'from another window' });
  });

  it('never puts back an older current render: a refresh that started before a new render arrived is dropped', async () => {
    const { store, actions } = await openStory(1);
    actions.backendChanged();
    actions.receiveEvent({ event: 'render.created', payload: { projectId: PROJECT_ID, frameId: frameId(1), render: { id: renderId(9) } as never } });
    await vi.runAllTimersAsync();
    expect(store.getState().story?.frames[0].currentRenderId).toBe(renderId(9));
  });

  it('keeps unchanged frame objects on a refresh, so their cards need not re-render', async () => {
    const { store, actions, story } = await openStory(3);
    const before = store.getState().story!.frames;
    story.frames[1].caption = 'changed elsewhere';
    actions.backendChanged();
    await vi.runAllTimersAsync();
    const after = store.getState().story!.frames;
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[2]).toBe(before[2]);
  });
});

describe('undo and redo', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('undoes a burst of typing as one step, and redoes it', async () => {
    const { store, actions, story } = await openStory(1);
    actions.editFrame(frameId(1), { prompt: 'a' });
    await vi.advanceTimersByTimeAsync(50);
    actions.editFrame(frameId(1), { prompt: 'ab' });
    await vi.advanceTimersByTimeAsync(2000);
    actions.editFrame(frameId(1), { prompt: 'abc' });
    expect(store.getState().undoLabel).toBe('Edit prompt');

    await actions.undo();
    expect(prompts(store)).toEqual(['ab']);
    await actions.undo();
    expect(prompts(store)).toEqual(['prompt 1']);
    expect(store.getState()).toMatchObject({ undoLabel: null, redoLabel: 'Edit prompt' });
    await vi.runAllTimersAsync();
    expect(story.frames[0].prompt).toBe('prompt 1');

    await actions.redo();
    await actions.redo();
    await vi.runAllTimersAsync();
    expect(story.frames[0].prompt).toBe('abc');
    // A new edit clears what could be redone.
    await actions.undo();
    actions.editFrame(frameId(1), { caption: 'new' });
    expect(store.getState().redoLabel).toBeNull();
  });

  it('undoes a reorder, a settings change and a variant choice, saving each', async () => {
    const { store, actions, story } = await openStory(3);
    story.frames[0].currentRenderId = renderId(1);
    actions.backendChanged();
    await vi.runAllTimersAsync();

    actions.moveFrame(frameId(1), 2);
    actions.editSettings({ reweight: { betaEnhance: 1.4 } }, 'Change β');
    actions.editSettings({ reweight: { betaEnhance: 1.6 } }, 'Change β');
    actions.editSettings({ steps: 12 }, 'Change steps');
    actions.selectVariant(frameId(1), renderId(2));
    await vi.runAllTimersAsync();
    expect(story.project.settings).toMatchObject({ steps: 12, reweight: { betaEnhance: 1.6 } });
    expect(story.frames.map((f) => f.id)).toEqual([frameId(2), frameId(3), frameId(1)]);

    await actions.undo();
    await actions.undo();
    await vi.runAllTimersAsync();
    expect(story.frames[2].currentRenderId).toBe(renderId(1));
    // Both settings were sent whole, so undoing steps kept the β change that was waiting with it.
    expect(story.project.settings).toMatchObject({ steps: null, reweight: { betaEnhance: 1.6 } });

    await actions.undo();
    await actions.undo();
    await vi.runAllTimersAsync();
    expect(story.project.settings.reweight.betaEnhance).toBe(DEFAULT_SETTINGS.reweight.betaEnhance);
    expect(story.frames.map((f) => f.id)).toEqual([frameId(1), frameId(2), frameId(3)]);
    expect(store.getState().undoLabel).toBeNull();
  });

  it('undoes a width typed over an aspect preset, preset and all', async () => {
    const { actions, story } = await openStory(1);
    actions.editSettings({ aspect: '2.39:1', width: 1536, height: 640 }, 'Aspect 2.39:1');
    actions.editSettings({ width: 1024, aspect: null }, 'Change width');
    await vi.runAllTimersAsync();
    expect(story.project.settings).toMatchObject({ aspect: null, width: 1024, height: 640 });
    await actions.undo();
    await vi.runAllTimersAsync();
    expect(story.project.settings).toMatchObject({ aspect: '2.39:1', width: 1536, height: 640 });
  });

  it("keeps an aspect preset's ratio at the new model's trained size when the model changes, in one undo step", async () => {
    const { store, actions, story } = await openStory(1);
    const sdxl = { id: 'sdxl-base', family: 'sdxl' } as ModelRecord;
    store.setState({ models: [sdxl] });
    actions.editSettings({ aspect: '16:9', width: 912, height: 512 }, 'Aspect 16:9');
    actions.selectModel(sdxl.id);
    await vi.runAllTimersAsync();
    expect([story.project.modelId, story.project.settings]).toMatchObject([sdxl.id, { aspect: '16:9', width: 1344, height: 768 }]);
    await actions.undo();
    await vi.runAllTimersAsync();
    expect([story.project.modelId, story.project.settings]).toMatchObject([null, { aspect: '16:9', width: 912, height: 512 }]);
  });

  it('brings a deleted frame back, and later steps follow its new id', async () => {
    const { store, actions, story } = await openStory(2);
    actions.editFrame(frameId(2), { caption: 'keep me' });
    actions.deleteFrame(frameId(2));
    await vi.runAllTimersAsync();
    expect(story.frames).toHaveLength(1);

    await actions.undo();
    await vi.runAllTimersAsync();
    expect(story.frames.map((f) => [f.prompt, f.caption])).toEqual([['prompt 1', ''], ['prompt 2', 'keep me']]);
    const restoredId = story.frames[1].id;
    expect(restoredId).not.toBe(frameId(2));
    expect(store.getState().story?.frames[1].id).toBe(restoredId);

    await actions.undo();
    await vi.runAllTimersAsync();
    expect(story.frames[1].caption).toBe('');
    await actions.redo();
    await actions.redo();
    await vi.runAllTimersAsync();
    expect(story.frames).toHaveLength(1);
  });

  it('undoes adding and duplicating frames', async () => {
    const { store, actions, story } = await openStory(1);
    actions.editFrame(frameId(1), { caption: 'Dawn' });
    await actions.duplicateFrame(frameId(1));
    await vi.runAllTimersAsync();
    expect(story.frames.map((f) => [f.prompt, f.caption])).toEqual([['prompt 1', 'Dawn'], ['prompt 1', 'Dawn']]);
    expect(store.getState().undoLabel).toBe('Duplicate frame');

    await actions.undo();
    await vi.runAllTimersAsync();
    expect(story.frames).toHaveLength(1);
  });
});

describe('generation', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves waiting edits before queueing, and tracks the job from its events', async () => {
    const { store, actions, calls } = await openStory(2);
    actions.editFrame(frameId(1), { prompt: 'new text' });
    await actions.generate();
    expect(writes(calls)).toEqual(['frames.update', 'jobs.generate']);
    expect(store.getState().frameActivity[frameId(1)]).toEqual({ status: 'queued' });

    const progress = { fraction: 0.25, frameIds: [frameId(1), frameId(2)], step: 3, totalSteps: 6, etaMs: 900, secondsPerStep: 1.5 };
    actions.receiveEvent({ event: 'job.updated', payload: makeJob({ status: 'running', startedAt: 2, progress }) });
    actions.receiveEvent({ event: 'job.preview', payload: { jobId: JOB_ID, projectId: PROJECT_ID, frameId: frameId(1), dataUrl: 'data:image/png;base64,AA==' } });
    expect(store.getState().frameActivity[frameId(1)]).toEqual({ status: 'generating', fraction: 0.5 });
    expect(store.getState().previews[frameId(1)]).toBe('data:image/png;base64,AA==');

    const render = {
      id: renderId(7),
      frameId: frameId(1),
      createdAt: 3,
      width: 64,
      height: 64,
      params: {
        modelId: 'm',
        modelFamily: 'sd1',
        settings: DEFAULT_SETTINGS,
        width: 64,
        height: 64,
        steps: 6,
        guidance: 7.5,
        scheduler: 'pndm',
        seed: 42,
        identityPrompt: '',
        negativePrompt: '',
        framePrompt: 'new text',
        storyPrompt: 'new text',
        partIndex: 1,
        planHash: 'h',
      },
    };
    actions.receiveEvent({ event: 'render.created', payload: { projectId: PROJECT_ID, frameId: frameId(1), render } });
    expect(store.getState().story?.frames[0].currentRenderId).toBe(renderId(7));
    expect(store.getState().previews[frameId(1)]).toBeUndefined();

    actions.receiveEvent({ event: 'job.updated', payload: makeJob({ status: 'failed', doneFrameIds: [frameId(1)], finishedAt: 4, error: 'The engine stopped.' }) });
    expect(store.getState().frameActivity).toEqual({ [frameId(2)]: { status: 'failed', error: 'The engine stopped.' } });
  });

  it('keeps a job finished when its events arrive before the answer that queued it', async () => {
    const { store, actions, handlers } = await openStory(2);
    // The fixture model can run a job before the browser reads the HTTP answer: the WebSocket's events come first.
    handlers['jobs.generate'] = () => {
      actions.receiveEvent({ event: 'job.updated', payload: makeJob({ status: 'running', startedAt: 2 }) });
      actions.receiveEvent({ event: 'job.updated', payload: makeJob({ status: 'done', startedAt: 2, finishedAt: 3, doneFrameIds: [frameId(1), frameId(2)] }) });
      return makeJob({});
    };
    await actions.generate();
    expect(store.getState().jobs.map((j) => j.status)).toEqual(['done']);
    expect(store.getState().frameActivity).toEqual({});
  });

  it('regenerates exactly the frames the backend reports stale', async () => {
    const { actions, calls, stale } = await openStory(3);
    stale.add(frameId(1)).add(frameId(3));
    await actions.regenerateStale();
    expect(calls.find((c) => c.method === 'jobs.generate')?.input).toEqual({ projectId: PROJECT_ID, frameIds: [frameId(1), frameId(3)] });
  });

  it('keeps a frame, which "Regenerate stale" then leaves; undo and redo cover it; a new render of it ends the keep', async () => {
    const { store, actions, calls, story, stale } = await openStory(3);
    story.frames[1].currentRenderId = renderId(1);
    stale.add(frameId(1)).add(frameId(2)).add(frameId(3));
    actions.backendChanged();
    await vi.runAllTimersAsync();

    actions.keepFrame(frameId(2), true);
    await vi.runAllTimersAsync();
    expect(calls.find((c) => c.method === 'frames.update')?.input).toEqual({ id: frameId(2), patch: { kept: true } });
    expect(store.getState().undoLabel).toBe('Keep frame');
    // The backend still lists why a kept frame is out of date, but no longer calls it stale.
    expect(store.getState().framePlans[frameId(2)]).toMatchObject({ stale: false, staleReasons: ['α changed: 0.01 → 0.0125'] });
    await actions.regenerateStale();
    expect(calls.find((c) => c.method === 'jobs.generate')?.input).toEqual({ projectId: PROJECT_ID, frameIds: [frameId(1), frameId(3)] });

    await actions.undo();
    await vi.runAllTimersAsync();
    expect(story.frames[1].kept).toBe(false);
    expect(store.getState().story?.frames[1].kept).toBe(false);
    await actions.redo();
    await vi.runAllTimersAsync();
    expect(story.frames[1].kept).toBe(true);

    const render = { id: renderId(8), frameId: frameId(2), createdAt: 3, width: 64, height: 64, params: {} as never };
    actions.receiveEvent({ event: 'render.created', payload: { projectId: PROJECT_ID, frameId: frameId(2), render } });
    expect(store.getState().story?.frames[1]).toMatchObject({ currentRenderId: renderId(8), kept: false });
  });

  it('says once that generation was interrupted and has resumed, with the frames left', async () => {
    const running = makeJob({ id: jobId(2), frameIds: [frameId(1), frameId(2), frameId(3)], doneFrameIds: [frameId(1)], status: 'queued', resumed: true });
    const queued = makeJob({ id: jobId(3), frameIds: [frameId(2), frameId(3)], createdAt: 2, resumed: true });
    const { store, actions } = await openStory(3, [running, queued]);
    expect(store.getState().notice).toBe('Generation was interrupted and has resumed (4 frames left).');
    actions.dismissNotice();
    actions.receiveEvent({ event: 'job.updated', payload: { ...running, status: 'running', startedAt: 3 } });
    expect(store.getState().notice).toBeNull();
    // A job queued now is not one carried over.
    await actions.generate();
    expect(store.getState().notice).toBeNull();
  });

  it('Cancel stops the running job at once when nothing waits, and asks first when other jobs wait', async () => {
    const running = makeJob({ id: jobId(2), status: 'running', startedAt: 1 });
    const waiting = [makeJob({ id: jobId(3), createdAt: 2 }), makeJob({ id: jobId(4), createdAt: 3 })];
    const alone = await openStory(2, [running]);
    await alone.actions.requestCancel();
    expect(alone.calls.filter((c) => c.method === 'jobs.cancel').map((c) => c.input)).toEqual([{ id: jobId(2) }]);
    expect(alone.store.getState().cancelChoice).toBeNull();

    for (const [answer, cancelled] of [
      ['none', []],
      ['this', [jobId(2)]],
      ['all', [jobId(3), jobId(4), jobId(2)]],
    ] as const) {
      const { store, actions, calls } = await openStory(2, [running, ...waiting]);
      await actions.requestCancel();
      expect(store.getState().cancelChoice).toEqual({ jobId: jobId(2), queued: 2 });
      expect(calls.filter((c) => c.method === 'jobs.cancel')).toEqual([]);
      await actions.answerCancel(answer);
      expect(store.getState().cancelChoice).toBeNull();
      expect(calls.filter((c) => c.method === 'jobs.cancel').map((c) => c.input)).toEqual(cancelled.map((id) => ({ id })));
    }
  });

  it('ignores events of other projects', async () => {
    const { store, actions } = await openStory(1);
    actions.receiveEvent({ event: 'job.updated', payload: makeJob({ projectId: frameId(9), status: 'running' }) });
    expect(store.getState().jobs).toEqual([]);
  });

  it('undoes a deleted scene: the heading comes back under a new id with its frames, and redo deletes that one', async () => {
    const { store, actions, story } = await openStory(4);
    const scene = await actions.addScene(frameId(3));
    await vi.runAllTimersAsync();
    expect(story.frames.map((f) => f.sceneId)).toEqual([null, null, scene!.id, scene!.id]);

    actions.deleteScene(scene!.id);
    await vi.runAllTimersAsync();
    expect(story.scenes).toEqual([]);
    expect(story.frames.every((f) => f.sceneId === null)).toBe(true);

    await actions.undo();
    await vi.runAllTimersAsync();
    const restored = story.scenes[0];
    expect(restored.heading).toBe(scene!.heading);
    expect(restored.id).not.toBe(scene!.id);
    expect(story.frames.map((f) => f.sceneId)).toEqual([null, null, restored.id, restored.id]);
    expect(store.getState().story?.frames.map((f) => f.sceneId)).toEqual([null, null, restored.id, restored.id]);

    await actions.redo();
    await vi.runAllTimersAsync();
    expect(story.scenes).toEqual([]);
    // Undoing "Add scene" after that finds nothing left to take back but the frames' old scenes.
    await actions.undo();
    await actions.undo();
    await vi.runAllTimersAsync();
    expect(story.scenes).toEqual([]);
    expect(story.frames.every((f) => f.sceneId === null)).toBe(true);
  });

  it('moves a frame into another scene as one step, and undo puts it back in place and scene', async () => {
    const { store, actions, story } = await openStory(4);
    const scene = await actions.addScene(frameId(3));
    await vi.runAllTimersAsync();
    actions.moveFrameToScene(frameId(1), 3, scene!.id);
    await vi.runAllTimersAsync();
    expect(story.frames.map((f) => f.id)).toEqual([frameId(2), frameId(3), frameId(4), frameId(1)]);
    expect(story.frames[3].sceneId).toBe(scene!.id);
    expect(store.getState().undoLabel).toBe('Move frame to another scene');

    await actions.undo();
    await vi.runAllTimersAsync();
    expect(story.frames.map((f) => f.id)).toEqual([frameId(1), frameId(2), frameId(3), frameId(4)]);
    expect(story.frames[0].sceneId).toBeNull();
  });
});
