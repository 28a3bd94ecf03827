// Renaming a model from the Models page: the list follows an accepted name; a refused one comes back as the reason.
import { expect, it } from 'vitest';
import { ApiError, createClient } from '../../../src-shared/contract/index.ts';
import type { ModelRecord } from '../../../src-shared/domain/index.ts';
import { createLibrary, INITIAL_LIBRARY, type LibraryState } from './library.ts';

const model = (id: string, name: string): ModelRecord => ({
  id,
  name,
  kind: 'diffusion',
  family: 'sd1',
  source: 'imported',
  path: `/models/${id}`,
  sizeBytes: 1,
  addedAt: 0,
  lastUsedAt: null,
  defaults: { width: 512, height: 512, steps: 30, guidance: 7.5, scheduler: 'PNDMScheduler' },
  ipcaUnavailableReason: null,
  speeds: [],
  available: true,
  owned: true,
  deletable: true,
  isDefault: false,
});

it('renames a model in the list once the backend accepts, and resolves with the reason it refuses', async () => {
  const client = createClient(async (method, input) => {
    if (method !== 'models.rename') throw new ApiError('unavailable', `${method} is not faked`);
    const { id, name } = input as { id: string; name: string };
    if (name.toLowerCase() === 'sd15') throw new ApiError('conflict', 'Another model is already called "sd15"; choose another name');
    return { ...model(id, 'old'), name: name.trim() };
  });
  let state: LibraryState = { ...INITIAL_LIBRARY, models: [model('a', 'sd15'), model('b', 'sd15 (2)')] };
  const library = createLibrary(client, (change) => (state = { ...state, ...(typeof change === 'function' ? change(state) : change) }), () => {});

  expect(await library.actions.renameModel('b', ' Fox painter ')).toBeNull();
  expect(state.models.map((m) => m.name)).toEqual(['sd15', 'Fox painter']);
  expect(await library.actions.renameModel('b', 'SD15')).toBe('Another model is already called "sd15"; choose another name');
  expect(state.models.map((m) => m.name)).toEqual(['sd15', 'Fox painter']);
});

it('follows a speed measurement it started, shows the result at once, and resolves with why one failed', async () => {
  const speed = { provider: 'webgpu', measuredAt: 5, secondsPerStep: 0.5, steps: 5, width: 512, height: 512, originalBytes: 1, optimization: null, warnings: [] };
  let finish: (refusal: Error | null) => void = () => {};
  const client = createClient(async (method) => {
    if (method === 'models.cancelOptimize') return { ok: true, cancelled: true };
    if (method !== 'models.optimize') throw new ApiError('unavailable', `${method} is not faked`);
    const outcome = await new Promise<Error | null>((resolve) => (finish = resolve));
    if (outcome) throw outcome;
    return speed;
  });
  let state: LibraryState = { ...INITIAL_LIBRARY, models: [model('a', 'sd15'), model('b', 'sdxl')] };
  const library = createLibrary(client, (change) => (state = { ...state, ...(typeof change === 'function' ? change(state) : change) }), () => {});

  const measured = library.actions.optimizeModel('a');
  expect(state.optimizing).toEqual({ a: { stage: 'preparing', step: 0, totalSteps: 1 } });
  library.receive({ event: 'model.optimizeProgress', payload: { modelId: 'a', stage: 'measuring', step: 2, totalSteps: 5 } });
  // a run this window did not start (the CLI's) has no cancel button here: not followed
  library.receive({ event: 'model.optimizeProgress', payload: { modelId: 'b', stage: 'measuring', step: 1, totalSteps: 5 } });
  expect(state.optimizing).toEqual({ a: { stage: 'measuring', step: 2, totalSteps: 5 } });
  finish(null);
  expect(await measured).toBeNull();
  expect(state.optimizing).toEqual({});
  expect(state.models[0].speeds).toEqual([speed]);

  const cancelled = library.actions.optimizeModel('b');
  await library.actions.cancelOptimize('b');
  finish(new ApiError('conflict', 'The speed measurement of "sdxl" was cancelled; nothing was recorded.'));
  expect(await cancelled).toBe('The speed measurement of "sdxl" was cancelled; nothing was recorded.');
  expect(state.models[1].speeds).toEqual([]);
  expect(state.optimizing).toEqual({});
});
