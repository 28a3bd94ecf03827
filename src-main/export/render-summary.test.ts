import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../store/index.ts';
import { useTempDir } from '../store/temp-dir.testing.ts';
import { summarizeRenders } from './render-summary.ts';
import { loadStorySnapshot } from './snapshot.ts';
import { addTestStory, planWithToyTokenizer } from './test-story.testing.ts';

describe('summarizeRenders', () => {
  const dir = useTempDir();

  it('counts in the singular for one: "1 step", "at most 1 frame per prompt"', async () => {
    const store = openStore(join(dir(), 'library.sqlite'));
    try {
      const { project } = await addTestStory(store, { frames: [{ prompt: 'a' }, { prompt: 'b' }] });
      const snapshot = await loadStorySnapshot(store, project.id, { planStory: planWithToyTokenizer });
      const frames = snapshot.frames.map((f) => {
        const params = { ...f.render!.params, steps: 1, settings: { ...f.render!.params.settings, windowLength: 1 } };
        return { ...f, render: { ...f.render!, params } };
      });
      const { shared } = summarizeRenders({ frames, modelNames: snapshot.modelNames });
      expect(shared).toContain(', 1 step, ');
      expect(shared).toContain('at most 1 frame per prompt');
      expect(summarizeRenders(snapshot).shared).toContain(', 30 steps, ');
    } finally {
      store.close();
    }
  });
});
