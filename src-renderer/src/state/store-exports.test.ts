// The store's part in exporting and importing: edits saved first, progress followed, imports opened.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { ApiError, createClient, type MethodName, type MethodOutput } from '../../../src-shared/contract/index.ts';
import { DEFAULT_SETTINGS, type Project } from '../../../src-shared/domain/index.ts';
import type { ImportedProject } from '../transport/transport.ts';
import { createAppStore } from './store.ts';

const PROJECT_ID = '00000000-0000-4000-8000-000000000000';
const OTHER_ID = '00000000-0000-4000-8000-000000000001';
const EXPORT_ID = '00000000-0000-4000-a000-000000000001';
const project: Project = { id: PROJECT_ID, name: 'Story', identityPrompt: '', negativePrompt: '', modelId: null, settings: DEFAULT_SETTINGS, createdAt: 0, updatedAt: 0 };
const created: MethodOutput<'exports.create'> = { exportId: EXPORT_ID, fileName: 'Story.gif', bytes: 10, problems: [], warnings: [] };

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

async function openStory(importProjectFile: () => Promise<ImportedProject | null> = async () => null) {
  const calls: MethodName[] = [];
  let finishExport: () => void = () => {};
  const cancelled: unknown[] = [];
  const inputs: Array<{ method: MethodName; input: unknown }> = [];
  const handlers: Partial<Record<MethodName, (input: unknown) => unknown>> = {
    'projects.get': () => ({ project, frames: [], scenes: [] }),
    'projects.update': () => project,
    'jobs.list': () => [],
    'models.list': () => [],
    'exports.check': () => ({ frameCount: 0, problems: [] }),
    'exports.create': () =>
      new Promise((resolve, reject) => {
        finishExport = () => resolve(created);
        handlers['exports.cancel'] = (input) => {
          cancelled.push(input);
          reject(new ApiError('conflict', 'The export was cancelled; no file was written.'));
          return { cancelled: true };
        };
      }),
  };
  const client = createClient(async (method, input) => {
    calls.push(method);
    inputs.push({ method, input });
    const handler = handlers[method];
    if (!handler) throw new ApiError('unavailable', `${method} is not faked`);
    return handler(input);
  });
  const delivered: string[] = [];
  const store = createAppStore({
    client,
    route: { page: 'project', id: PROJECT_ID },
    theme: 'light',
    themeChosen: false,
    imageUrl: (id, kind) => `/images/${id}/${kind}.png`,
    files: { deliverExport: async (exportId, fileName) => (delivered.push(`${exportId}/${fileName}`), true), importProjectFile, saveImage: async () => true, dragImageOut: null },
  });
  await store.getState().actions.reload();
  calls.length = 0;
  inputs.length = 0;
  return { store, actions: store.getState().actions, calls, inputs, handlers, delivered, cancelled, finishExport: () => finishExport() };
}

it('saves waiting typing before checking or exporting, so the file shows the story as typed', async () => {
  const { actions, calls } = await openStory();
  actions.editStory({ identityPrompt: 'a fox' });
  await actions.checkExport();
  expect(calls).toEqual(['projects.update', 'exports.check']);
});

it('"Generate them first" queues the frames the backend says are not ready, after saving, and closes the dialog', async () => {
  const { store, actions, inputs, handlers } = await openStory();
  const [missing, stale] = ['00000000-0000-4000-8000-0000000000f1', '00000000-0000-4000-8000-0000000000f2'];
  handlers['exports.check'] = () => ({
    frameCount: 3,
    problems: [
      { frameId: missing, position: 0, kind: 'missing', reasons: [] },
      { frameId: stale, position: 2, kind: 'stale', reasons: ['seed changed'] },
    ],
  });
  handlers['jobs.generate'] = (input) => ({
    id: EXPORT_ID, projectId: PROJECT_ID, frameIds: (input as { frameIds: string[] }).frameIds, doneFrameIds: [], status: 'queued',
    createdAt: 0, startedAt: null, finishedAt: null, progress: null, error: null, warnings: [], resumed: false,
  });
  actions.openExportDialog(true);
  actions.editStory({ identityPrompt: 'a fox' });
  await actions.generateNotReady();
  expect(inputs.map((c) => c.method)).toEqual(['projects.update', 'exports.check', 'jobs.generate']);
  expect(inputs[2].input).toEqual({ projectId: PROJECT_ID, frameIds: [missing, stale] });
  expect(store.getState().exportDialogOpen).toBe(false);
  expect(store.getState().jobs.map((j) => j.frameIds)).toEqual([[missing, stale]]);
});

it('follows the export’s progress while it runs, for the open story only, then hands the file over', async () => {
  const { store, actions, delivered, finishExport } = await openStory();
  const progress = (projectId: string, fraction: number) => actions.receiveEvent({ event: 'export.progress', payload: { exportId: EXPORT_ID, projectId, fraction } });
  progress(PROJECT_ID, 0.5);
  expect(store.getState().exportProgress).toBeNull();

  const exporting = actions.createExport({ format: 'gif', onProblems: 'fail' });
  await vi.waitFor(() => expect(store.getState().exportProgress).toBe(0));
  progress(OTHER_ID, 0.5);
  progress(PROJECT_ID, 0.9);
  expect(store.getState().exportProgress).toBe(0.9);
  finishExport();
  expect(await exporting).toEqual(created);
  expect(store.getState().exportProgress).toBeNull();

  expect(await actions.deliverExport(created)).toBe(true);
  expect(delivered).toEqual([`${EXPORT_ID}/Story.gif`]);
});

it('cancels the export its progress named, and forgets it once it ended', async () => {
  const { store, actions, cancelled } = await openStory();
  const exporting = actions.createExport({ format: 'gif', onProblems: 'fail' });
  await vi.waitFor(() => expect(store.getState().exportProgress).toBe(0));
  expect(store.getState().exportId).toBeNull();
  actions.receiveEvent({ event: 'export.progress', payload: { exportId: EXPORT_ID, projectId: PROJECT_ID, fraction: 0.2 } });
  expect(store.getState().exportId).toBe(EXPORT_ID);

  await actions.cancelExport();
  expect(cancelled).toEqual([{ exportId: EXPORT_ID }]);
  await expect(exporting).rejects.toThrow('The export was cancelled');
  expect(store.getState()).toMatchObject({ exportProgress: null, exportId: null });
});

it('opens an imported project, reports a refused file, and does nothing when the picker is cancelled', async () => {
  let answer: () => Promise<ImportedProject | null> = async () => null;
  const { store, actions } = await openStory(() => answer());
  await actions.importProjectFile();
  expect(store.getState().route).toEqual({ page: 'project', id: PROJECT_ID });

  answer = async () => Promise.reject(new ApiError('invalid_input', 'x.onestory is not an Onestory project file'));
  await actions.importProjectFile();
  expect(store.getState().error).toBe('x.onestory is not an Onestory project file');

  answer = async () => ({ project: { ...project, id: OTHER_ID, name: 'Story (imported)' }, frames: 0, renders: 0, idsKept: false, missingModel: null });
  await actions.importProjectFile();
  expect(store.getState().route).toEqual({ page: 'project', id: OTHER_ID });
  expect(store.getState().notice).toBeNull();

  answer = async () => ({ project, frames: 0, renders: 0, idsKept: false, missingModel: { name: 'sdxl-turbo', family: 'sdxl-turbo' } });
  await actions.importProjectFile();
  expect(store.getState().notice).toMatch(/^This story was made with sdxl-turbo \(sdxl-turbo\), which is not in this library\./);
  actions.dismissNotice();
  expect(store.getState().notice).toBeNull();
});
