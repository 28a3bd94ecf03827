import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useTempDir } from '../store/temp-dir.testing.ts';
import { openStore, type Store } from '../store/index.ts';
import { ExportError } from './errors.ts';
import { encodeStory } from './export-story.ts';
import { assertExportable } from './problems.ts';
import { loadStorySnapshot } from './snapshot.ts';
import { addTestStory, planWithToyTokenizer } from './test-story.testing.ts';

const withToyPlan = { planStory: planWithToyTokenizer };

describe('story snapshot and export problems', () => {
  const dir = useTempDir();
  let store: Store;
  beforeEach(() => {
    store = openStore(join(dir(), 'library.sqlite'));
  });
  afterEach(() => store.close());

  it('reads frames in story order with their current render at full resolution', async () => {
    const { project, frames } = await addTestStory(store, { width: 80, height: 64, frames: [{ prompt: 'a', variants: 2 }, { prompt: 'b' }] });
    const snapshot = await loadStorySnapshot(store, project.id, withToyPlan);
    expect(snapshot.frames.map((f) => f.frame.id)).toEqual(frames.map((f) => f.id));
    expect(snapshot.frames.map((f) => f.state)).toEqual(['ok', 'ok']);
    expect(snapshot.frames[0].render?.id).toBe(frames[0].currentRenderId);
    expect(snapshot.frames[0].png).toEqual(store.renders.getPng(frames[0].currentRenderId!));
    expect(snapshot.problems).toEqual([]);
  });

  it('reports frames that were never generated', async () => {
    const { project, frames } = await addTestStory(store, { frames: [{ prompt: 'a' }, { prompt: 'b', variants: 0 }] });
    const snapshot = await loadStorySnapshot(store, project.id, withToyPlan);
    expect(snapshot.problems).toEqual([{ frameId: frames[1].id, position: 1, kind: 'missing', reasons: [] }]);
  });

  it('reports every frame as stale once a prompt of their shared consolidated prompt changes', async () => {
    const { project, frames } = await addTestStory(store, { frames: [{ prompt: 'a' }, { prompt: 'b' }, { prompt: 'c' }] });
    store.frames.update({ ...frames[1], prompt: 'b but different' });
    const snapshot = await loadStorySnapshot(store, project.id, withToyPlan);
    expect(snapshot.problems.map((p) => [p.position, p.kind])).toEqual([
      [0, 'stale'],
      [1, 'stale'],
      [2, 'stale'],
    ]);
  });

  it('does not call a caption, notes or duration change stale', async () => {
    const { project, frames } = await addTestStory(store, { frames: [{ prompt: 'a' }] });
    store.frames.update({ ...frames[0], caption: 'new caption', notes: 'new notes', durationMs: 4000 });
    expect((await loadStorySnapshot(store, project.id, withToyPlan)).problems).toEqual([]);
  });

  it('calls renders of another model stale even without a tokenizer to plan with', async () => {
    const { project } = await addTestStory(store, { frames: [{ prompt: 'a' }] });
    store.projects.update({ ...project, modelId: 'another-model' });
    const snapshot = await loadStorySnapshot(store, project.id, { planStory: async () => null });
    expect(snapshot.problems.map((p) => p.kind)).toEqual(['stale']);
  });

  it('calls renders drawn with another noise mode, seed or steps stale, without a tokenizer too, saying why', async () => {
    const { project } = await addTestStory(store, { frames: [{ prompt: 'a' }, { prompt: 'b' }] });
    store.projects.update({ ...project, settings: { ...project.settings, noise: 'float16', seed: 9, steps: 3 } });
    for (const planStory of [withToyPlan.planStory, async () => null]) {
      const snapshot = await loadStorySnapshot(store, project.id, { planStory });
      expect(snapshot.problems).toEqual(
        [0, 1].map((position) => expect.objectContaining({ position, kind: 'stale', reasons: ['steps changed: 30 → 3', 'noise changed: float32 → float16', 'seed changed: 42 → 9'] })),
      );
    }
  });

  it('refuses to export with problems unless placeholders are asked for, naming each frame', async () => {
    const { project } = await addTestStory(store, { frames: [{ prompt: 'a' }, { prompt: 'b', variants: 0 }, { prompt: 'c', variants: 0 }] });
    const snapshot = await loadStorySnapshot(store, project.id, withToyPlan);
    const refusal = (() => {
      try {
        assertExportable(snapshot, 'fail');
      } catch (error) {
        return error as ExportError;
      }
    })();
    expect(refusal).toBeInstanceOf(ExportError);
    expect(refusal?.code).toBe('problems');
    expect(refusal?.message).toContain('2 frames are not ready to export');
    expect(refusal?.message).toContain('frame 2: not generated yet');
    expect(refusal?.message).toContain('frame 3: not generated yet');
    expect(() => assertExportable(snapshot, 'placeholder')).not.toThrow();
    await expect(encodeStory(snapshot, { format: 'strip', onProblems: 'fail' })).rejects.toThrow('frame 2: not generated yet');
  });

  it('refuses an empty story and an unknown project', async () => {
    const { project } = await addTestStory(store, { name: 'Empty', frames: [] });
    const snapshot = await loadStorySnapshot(store, project.id, withToyPlan);
    expect(() => assertExportable(snapshot, 'placeholder')).toThrow('"Empty" has no frames');
    await expect(loadStorySnapshot(store, '00000000-0000-4000-8000-000000000000', withToyPlan)).rejects.toThrow('not found');
  });
});
