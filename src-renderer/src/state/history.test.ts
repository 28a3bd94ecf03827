import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, emptyBoardFields, type Frame, type ProjectWithFrames } from '../../../src-shared/domain/index.ts';
import { EMPTY_HISTORY, inverseOf, record, remapFrameId, step, type HistoryEntry } from './history.ts';
import { applyStoryEdit, type StoryEdit } from './story-edits.ts';

const PROJECT_ID = '00000000-0000-4000-8000-000000000000';
const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

function story(): ProjectWithFrames {
  const frame = (n: number): Frame => ({
    id: id(n),
    projectId: PROJECT_ID,
    position: n - 1,
    prompt: `prompt ${n}`,
    caption: '',
    notes: '',
    durationMs: 1000,
    seedOverride: null,
    currentRenderId: n === 1 ? id(9) : null,
    kept: false,
    createdAt: 0,
    updatedAt: 0,
    ...emptyBoardFields(n - 1),
  });
  return {
    project: { id: PROJECT_ID, name: 'Story', identityPrompt: 'a fox', negativePrompt: '', modelId: null, settings: DEFAULT_SETTINGS, createdAt: 0, updatedAt: 0 },
    frames: [frame(1), frame(2)],
    scenes: [],
  };
}

const entry = (redo: StoryEdit, at: number, mergeKey: string | null = 'k'): HistoryEntry => ({ label: 'Edit', redo, undo: redo, mergeKey, at });

describe('inverseOf', () => {
  it('restores exactly the values an edit changes, nested settings included', () => {
    expect(inverseOf(story(), { type: 'project.update', patch: { identityPrompt: 'a cat', settings: { steps: 20, reweight: { betaEnhance: 1.5 } } } })).toEqual({
      type: 'project.update',
      patch: { identityPrompt: 'a fox', settings: { steps: null, reweight: { betaEnhance: 1 } } },
    });
    expect(inverseOf(story(), { type: 'frame.update', id: id(2), patch: { caption: 'Dawn', seedOverride: 7 } })).toEqual({
      type: 'frame.update',
      id: id(2),
      patch: { caption: '', seedOverride: null },
    });
  });

  it('moves back, re-inserts a deleted frame, and selects the previous variant', () => {
    const s = story();
    expect(inverseOf(s, { type: 'frame.move', id: id(1), toPosition: 1 })).toEqual({ type: 'frame.move', id: id(1), toPosition: 0 });
    expect(inverseOf(s, { type: 'frame.delete', id: id(2) })).toEqual({ type: 'frame.insert', frame: s.frames[1] });
    expect(inverseOf(s, { type: 'frame.select', id: id(1), renderId: id(8) })).toEqual({ type: 'frame.select', id: id(1), renderId: id(9) });
    expect(inverseOf(s, { type: 'frame.select', id: id(2), renderId: id(8) })).toBeNull();
    expect(inverseOf(s, { type: 'frame.delete', id: id(7) })).toBeNull();
  });
});

describe('several variant choices at once', () => {
  it('undo restores every frame that showed a variant, in one edit; a frame that showed none is left out', () => {
    const edit: StoryEdit = { type: 'frames.select', choices: [{ id: id(1), renderId: id(7) }, { id: id(2), renderId: id(8) }] };
    expect(inverseOf(story(), edit)).toEqual({ type: 'frames.select', choices: [{ id: id(1), renderId: id(9) }] });
    expect(applyStoryEdit(story(), edit).frames.map((f) => f.currentRenderId)).toEqual([id(7), id(8)]);
    const h = record(EMPTY_HISTORY, { label: 'Pick', redo: edit, undo: edit, mergeKey: null, at: 0 }, 1000);
    expect(remapFrameId(h, id(2), id(5)).past[0].redo).toEqual({ type: 'frames.select', choices: [{ id: id(1), renderId: id(7) }, { id: id(5), renderId: id(8) }] });
  });
});

describe('history', () => {
  const edit = (caption: string): StoryEdit => ({ type: 'frame.update', id: id(1), patch: { caption } });

  it('merges a burst under one key into one step that undoes to before the burst', () => {
    let h = record(EMPTY_HISTORY, { ...entry(edit('a'), 0), undo: edit('') }, 1000);
    h = record(h, { ...entry(edit('ab'), 500), undo: edit('a') }, 1000);
    h = record(h, { ...entry(edit('abc'), 2000), undo: edit('ab') }, 1000);
    expect(h.past.map((e) => [e.undo, e.redo])).toEqual([
      [edit(''), edit('ab')],
      [edit('ab'), edit('abc')],
    ]);
    expect(record(h, entry(edit('x'), 2100, null), 1000).past).toHaveLength(3);
  });

  it('steps back and forth, and a new step clears redo', () => {
    const h = record(record(EMPTY_HISTORY, entry(edit('a'), 0, null), 1000), entry(edit('b'), 1, null), 1000);
    const undone = step(h, 'undo')!;
    expect(undone.edit).toEqual(edit('b'));
    expect(undone.history.future).toHaveLength(1);
    const redone = step(undone.history, 'redo')!;
    expect(redone.history).toEqual(h);
    expect(record(undone.history, entry(edit('c'), 2, null), 1000).future).toEqual([]);
    expect(step(EMPTY_HISTORY, 'undo')).toBeNull();
  });

  it('follows a frame to its new id', () => {
    const h = record(EMPTY_HISTORY, { ...entry(edit('a'), 0), undo: { type: 'frame.delete', id: id(1) } }, 1000);
    const remapped = remapFrameId(h, id(1), id(5));
    expect(remapped.past[0].redo).toEqual({ type: 'frame.update', id: id(5), patch: { caption: 'a' } });
    expect(remapped.past[0].undo).toEqual({ type: 'frame.delete', id: id(5) });
  });
});
