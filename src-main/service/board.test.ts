// The board's fields and scene headings through the contract, in a real SQLite library: they persist, follow the
// frames' order, travel in project files and copies, and refuse what does not belong.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/contract/index.ts';
import { openBackend, type Backend } from '../app/backend.ts';
import { exportStory } from '../export/export-story.ts';
import { importProjectFile } from '../export/project-file/import-project-file.ts';
import { openStore } from '../store/index.ts';
import { useTempDir } from '../store/temp-dir.testing.ts';
import { rejection } from './backend.testing.ts';

const tempDir = useTempDir();
let backend: Backend;

beforeEach(() => {
  backend = openBackend({ dbPath: join(tempDir(), 'library.sqlite') });
});
afterEach(() => backend.close());

function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  return backend.dispatch(method, input) as Promise<MethodOutput<M>>;
}

async function threeFrames() {
  const project = await call('projects.create', { name: 'Board' });
  const frames = [];
  for (const prompt of ['wakes up', 'runs', 'sleeps']) frames.push(await call('frames.add', { projectId: project.id, prompt }));
  return { project, frames };
}

describe('board fields', () => {
  it('start empty with automatic shot numbers that follow the order until one is written', async () => {
    const { project, frames } = await threeFrames();
    expect(frames[1]).toMatchObject({ shotNumber: '2', shotNumberAuto: true, shotType: '', camera: '', action: '', dialogue: '', speaker: '', sceneId: null });

    await call('frames.update', { id: frames[2].id, patch: { shotNumber: ' 12A ' } });
    await call('frames.reorder', { id: frames[0].id, toPosition: 2 });
    const after = (await call('projects.get', { id: project.id })).frames;
    expect(after.map((f) => [f.prompt, f.shotNumber, f.shotNumberAuto])).toEqual([
      ['runs', '1', true],
      ['sleeps', '12A', false],
      ['wakes up', '3', true],
    ]);

    const back = await call('frames.update', { id: frames[2].id, patch: { shotNumber: '' } });
    expect(back).toMatchObject({ shotNumber: '2', shotNumberAuto: true });
  });

  it('persist every field, leave the others as they were, and are checked for length', async () => {
    const { project, frames } = await threeFrames();
    const patch = { shotType: 'CU', camera: 'slow push-in', action: 'The fox looks up.', dialogue: 'Who is there?', speaker: 'FOX' };
    await call('frames.update', { id: frames[0].id, patch });
    await call('frames.update', { id: frames[0].id, patch: { notes: 'hold' } });
    const reopened = openStore(join(tempDir(), 'library.sqlite'));
    try {
      expect(reopened.frames.get(frames[0].id)).toMatchObject({ ...patch, notes: 'hold', prompt: 'wakes up' });
    } finally {
      reopened.close();
    }
    const added = await call('frames.add', { projectId: project.id, prompt: 'wakes', shotType: 'WS', dialogue: 'Morning.', position: 0 });
    expect(added).toMatchObject({ shotType: 'WS', dialogue: 'Morning.', shotNumber: '1', position: 0 });

    const tooLong = await rejection(call('frames.update', { id: frames[0].id, patch: { shotType: 'x'.repeat(201) } }));
    expect(tooLong.code).toBe('invalid_input');
  });
});

describe('scenes', () => {
  it('group frames, are renamed and deleted without touching the frames', async () => {
    const { project, frames } = await threeFrames();
    const scene = await call('scenes.add', { projectId: project.id, heading: 'INT. DEN – NIGHT', frameIds: [frames[0].id, frames[1].id] });
    const later = await call('scenes.add', { projectId: project.id, heading: 'EXT. FOREST – DAY' });
    await call('frames.update', { id: frames[2].id, patch: { sceneId: later.id } });

    let story = await call('projects.get', { id: project.id });
    expect(story.scenes.map((s) => s.heading)).toEqual(['INT. DEN – NIGHT', 'EXT. FOREST – DAY']);
    expect(story.frames.map((f) => f.sceneId)).toEqual([scene.id, scene.id, later.id]);

    await call('scenes.update', { id: scene.id, patch: { heading: 'INT. BURROW – NIGHT' } });
    expect((await call('scenes.list', { projectId: project.id }))[0].heading).toBe('INT. BURROW – NIGHT');

    await call('scenes.delete', { id: scene.id });
    story = await call('projects.get', { id: project.id });
    expect(story.frames.map((f) => [f.prompt, f.sceneId])).toEqual([
      ['wakes up', null],
      ['runs', null],
      ['sleeps', later.id],
    ]);
  });

  it("refuse a frame of another story, a scene of another story, and an empty heading", async () => {
    const { project, frames } = await threeFrames();
    const other = await threeFrames();
    const theirs = await call('scenes.add', { projectId: other.project.id, heading: 'EXT. ROAD' });
    expect((await rejection(call('frames.update', { id: frames[0].id, patch: { sceneId: theirs.id } }))).message).toMatch(/another story/);
    expect((await rejection(call('scenes.add', { projectId: project.id, heading: 'X', frameIds: [other.frames[0].id] }))).message).toMatch(/another story/);
    expect((await rejection(call('scenes.add', { projectId: project.id, heading: '   ' }))).code).toBe('invalid_input');
    expect((await call('projects.get', { id: project.id })).scenes).toEqual([]);
  });

  it('travel with their frames in a duplicate and in a project file', async () => {
    const { project, frames } = await threeFrames();
    const scene = await call('scenes.add', { projectId: project.id, heading: 'INT. DEN – NIGHT', frameIds: [frames[1].id] });
    await call('frames.update', { id: frames[1].id, patch: { dialogue: 'Shh.', speaker: 'OWL', shotNumber: '7B' } });

    const copy = await call('projects.duplicate', { id: project.id });
    const copied = await call('projects.get', { id: copy.id });
    expect(copied.scenes).toHaveLength(1);
    expect(copied.scenes[0].id).not.toBe(scene.id);
    expect(copied.frames[1]).toMatchObject({ sceneId: copied.scenes[0].id, dialogue: 'Shh.', speaker: 'OWL', shotNumber: '7B' });

    const file = join(tempDir(), 'board.onestory');
    await exportStory(backend.store, project.id, { format: 'project' }, file);
    const other = openStore(join(tempDir(), 'other', 'library.sqlite'));
    try {
      await importProjectFile(other, file, await backend.staging.ensure());
      expect(other.scenes.listByProject(project.id)).toEqual([scene]);
      expect(other.frames.listByProject(project.id)).toEqual((await call('projects.get', { id: project.id })).frames);
    } finally {
      other.close();
    }
  });
});
