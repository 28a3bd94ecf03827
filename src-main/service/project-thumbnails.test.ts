// projects.list carries each story's first current renders, in story order, for the project list's thumbnail strip.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, PROJECT_THUMBNAILS } from '../../src-shared/domain/index.ts';
import { describeWithShared } from '../../test-support/shared.ts';
import { openTestBackend, type TestBackend } from './backend.testing.ts';

describeWithShared('project thumbnails', () => {
  let t: TestBackend;
  beforeEach(async () => {
    t = await openTestBackend();
  });
  afterEach(() => t.close());

  const addRender = (frameId: string) => {
    const id = randomUUID();
    t.backend.store.renders.insert({
      id, frameId, createdAt: Date.now(), width: 64, height: 64, png: Buffer.from([1]), thumbnail: null,
      params: { modelId: 'm', modelFamily: 'sd1', settings: DEFAULT_SETTINGS, width: 64, height: 64, steps: 2, guidance: 7.5, scheduler: 'ddim', seed: 1, identityPrompt: 'a fox', negativePrompt: '', framePrompt: 'p', storyPrompt: 'a fox p', partIndex: 1, planHash: 'h' },
    });
    return id;
  };

  it('lists the current renders of the first frames that have one, in story order, at most six', async () => {
    const project = await t.call('projects.create', { name: 'Fox' });
    const empty = await t.call('projects.create', { name: 'Empty' });
    const frames = [];
    for (let i = 0; i < 9; i++) frames.push(await t.call('frames.add', { projectId: project.id, prompt: `frame ${i}` }));
    const current: string[] = [];
    // Frame 2 has no picture; frame 1 has an older variant besides its current one.
    for (const [i, frame] of frames.entries()) {
      if (i === 1) continue;
      if (i === 0) addRender(frame.id);
      const id = addRender(frame.id);
      await t.call('frames.selectVariant', { frameId: frame.id, renderId: id });
      current.push(id);
    }
    await t.call('frames.reorder', { id: frames[8].id, toPosition: 0 });

    const listed = await t.call('projects.list', {});
    const fox = listed.find((p) => p.id === project.id)!;
    expect(fox.thumbnailRenderIds).toEqual([current.at(-1), ...current.slice(0, PROJECT_THUMBNAILS - 1)]);
    expect(listed.find((p) => p.id === empty.id)!.thumbnailRenderIds).toEqual([]);
  });
});
