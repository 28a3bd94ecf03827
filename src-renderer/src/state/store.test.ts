import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, createClient, type MethodName } from '../../../src-shared/contract/index.ts';
import { DEFAULT_SETTINGS, type Frame, type ProjectWithFrames } from '../../../src-shared/domain/index.ts';
import { createAppStore } from './store.ts';

const PROJECT_ID = '00000000-0000-4000-8000-000000000000';
const frameId = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

/** A backend holding one story in memory, recording every call; `failing` methods answer with an error. */
function fakeBackend(frameCount: number) {
  const frames: Frame[] = Array.from({ length: frameCount }, (_, i) => ({
    id: frameId(i + 1),
    projectId: PROJECT_ID,
    position: i,
    prompt: `prompt ${i + 1}`,
    caption: '',
    notes: '',
    durationMs: 1000,
    seedOverride: null,
    currentRenderId: null,
    createdAt: 0,
    updatedAt: 0,
  }));
  const story: ProjectWithFrames = {
    project: { id: PROJECT_ID, name: 'Story', identityPrompt: '', negativePrompt: '', modelId: null, settings: DEFAULT_SETTINGS, createdAt: 0, updatedAt: 0 },
    frames,
  };
  const calls: Array<{ method: MethodName; input: unknown }> = [];
  const failing = new Set<MethodName>();
  const handlers: Partial<Record<MethodName, (input: never) => unknown>> = {
    'projects.get': () => structuredClone(story),
    'frames.update': ({ id, patch }: { id: string; patch: Partial<Frame> }) => {
      const frame = story.frames.find((f) => f.id === id)!;
      Object.assign(frame, patch);
      return frame;
    },
    'frames.reorder': ({ id, toPosition }: { id: string; toPosition: number }) => {
      const from = story.frames.findIndex((f) => f.id === id);
      const [moved] = story.frames.splice(from, 1);
      story.frames.splice(toPosition, 0, moved);
      story.frames.forEach((f, i) => (f.position = i));
      return story.frames;
    },
  };
  const invoke = async (method: MethodName, input: unknown) => {
    calls.push({ method, input });
    if (failing.has(method)) throw new ApiError('invalid_input', `Invalid input for ${method}: patch.prompt: too long`);
    return handlers[method]!(input as never);
  };
  return { client: createClient(invoke), calls, failing, story };
}

async function openStory(frameCount: number) {
  const backend = fakeBackend(frameCount);
  const store = createAppStore({ client: backend.client, route: { page: 'project', id: PROJECT_ID }, theme: 'light', themeChosen: false, typingDelayMs: 100 });
  await store.getState().actions.reload();
  backend.calls.length = 0;
  return { ...backend, store, actions: store.getState().actions };
}

const writes = (calls: Array<{ method: MethodName }>) => calls.map((c) => c.method).filter((m) => m !== 'projects.get');

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
});
