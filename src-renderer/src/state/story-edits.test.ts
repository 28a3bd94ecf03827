import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type ProjectWithFrames } from '../../../src-shared/domain/index.ts';
import { applyStoryEdit } from './story-edits.ts';
import { makeFrame as frame, PROJECT_ID } from './test-frames.testing.ts';

function story(count: number): ProjectWithFrames {
  return {
    project: {
      id: PROJECT_ID,
      name: 'Story',
      identityPrompt: '',
      negativePrompt: '',
      modelId: null,
      settings: DEFAULT_SETTINGS,
      createdAt: 0,
      updatedAt: 0,
    },
    frames: Array.from({ length: count }, (_, i) => frame(i + 1, i)),
    scenes: [],
  };
}

const prompts = (s: ProjectWithFrames) => s.frames.map((f) => f.prompt);
const positions = (s: ProjectWithFrames) => s.frames.map((f) => f.position);

describe('applyStoryEdit', () => {
  it('moves a frame like the backend: out of its place, into the new one, positions renumbered', () => {
    const moved = applyStoryEdit(story(4), { type: 'frame.move', id: frame(4).id, toPosition: 1 });
    expect(prompts(moved)).toEqual(['prompt 1', 'prompt 4', 'prompt 2', 'prompt 3']);
    expect(positions(moved)).toEqual([0, 1, 2, 3]);
    const down = applyStoryEdit(story(3), { type: 'frame.move', id: frame(1).id, toPosition: 2 });
    expect(prompts(down)).toEqual(['prompt 2', 'prompt 3', 'prompt 1']);
  });

  it('inserts at the frame’s position and deletes, keeping positions 0..n-1', () => {
    const inserted = applyStoryEdit(story(2), { type: 'frame.insert', frame: { ...frame(9), position: 1 } });
    expect(prompts(inserted)).toEqual(['prompt 1', 'prompt 9', 'prompt 2']);
    expect(positions(inserted)).toEqual([0, 1, 2]);
    const deleted = applyStoryEdit(inserted, { type: 'frame.delete', id: frame(1).id });
    expect(prompts(deleted)).toEqual(['prompt 9', 'prompt 2']);
    expect(positions(deleted)).toEqual([0, 1]);
  });

  it('patches texts and settings without touching the original', () => {
    const before = story(1);
    const after = applyStoryEdit(before, { type: 'project.update', patch: { identityPrompt: 'a fox', settings: { reweight: { betaEnhance: 1.5 } } } });
    const edited = applyStoryEdit(after, { type: 'frame.update', id: frame(1).id, patch: { caption: 'Dawn' } });
    expect(edited.project.identityPrompt).toBe('a fox');
    expect(edited.project.settings.reweight).toEqual({ ...DEFAULT_SETTINGS.reweight, betaEnhance: 1.5 });
    expect(edited.frames[0].caption).toBe('Dawn');
    expect(before.project.identityPrompt).toBe('');
    expect(before.frames[0].caption).toBe('');
  });
});
