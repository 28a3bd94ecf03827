import type { ProjectWithFrames } from '../../../src-shared/domain/index.ts';
import { applyStoryEdit, type ProjectPatch, type StoryEdit } from './story-edits.ts';

/** One undoable step: the edit that redoes it and the edit that undoes it. */
export interface HistoryEntry {
  label: string;
  redo: StoryEdit;
  undo: StoryEdit;
  /** consecutive entries with the same key (typing in one field, dragging one slider) merge into one */
  mergeKey: string | null;
  at: number;
}

/** Undo and redo stacks, newest last; kept in memory only (not across reloads). */
export interface History {
  past: HistoryEntry[];
  future: HistoryEntry[];
}

export const EMPTY_HISTORY: History = { past: [], future: [] };
const MAX_ENTRIES = 500;

/** The edit that takes `story` back from `edit`, or null when `edit` changes nothing that can be restored. */
export function inverseOf(story: ProjectWithFrames, edit: StoryEdit): StoryEdit | null {
  if (edit.type === 'project.update') return { type: 'project.update', patch: previousProjectValues(story, edit.patch) };
  if (edit.type === 'frame.insert') return { type: 'frame.delete', id: edit.frame.id };
  if (edit.type === 'batch') return inverseOfBatch(story, edit.edits);
  if (edit.type === 'scene.insert') return { type: 'scene.delete', id: edit.scene.id };
  if (edit.type === 'scene.update' || edit.type === 'scene.delete') return inverseOfSceneEdit(story, edit);
  const frame = story.frames.find((f) => f.id === edit.id);
  if (!frame) return null;
  switch (edit.type) {
    case 'frame.update':
      return { type: 'frame.update', id: frame.id, patch: pick(frame, edit.patch) };
    case 'frame.move':
      return { type: 'frame.move', id: frame.id, toPosition: frame.position };
    case 'frame.delete':
      return { type: 'frame.insert', frame };
    case 'frame.select':
      return frame.currentRenderId ? { type: 'frame.select', id: frame.id, renderId: frame.currentRenderId } : null;
  }
}

/** Undoes each edit, last first; each inverse is taken against the story as it was just before that edit. */
function inverseOfBatch(story: ProjectWithFrames, edits: StoryEdit[]): StoryEdit | null {
  const inverses: StoryEdit[] = [];
  let before = story;
  for (const edit of edits) {
    const inverse = inverseOf(before, edit);
    if (inverse) inverses.unshift(inverse);
    before = applyStoryEdit(before, edit);
  }
  return inverses.length > 0 ? { type: 'batch', edits: inverses } : null;
}

/** Renaming goes back to the old heading; a deleted scene comes back with the frames it held. */
function inverseOfSceneEdit(story: ProjectWithFrames, edit: Extract<StoryEdit, { type: 'scene.update' | 'scene.delete' }>): StoryEdit | null {
  const scene = story.scenes.find((s) => s.id === edit.id);
  if (!scene) return null;
  if (edit.type === 'scene.update') return { type: 'scene.update', id: scene.id, heading: scene.heading };
  const rejoin = story.frames.filter((f) => f.sceneId === scene.id).map((f): StoryEdit => ({ type: 'frame.update', id: f.id, patch: { sceneId: scene.id } }));
  return { type: 'batch', edits: [{ type: 'scene.insert', scene }, ...rejoin] };
}

/** Adds a step, merging it into the last one when both carry the same key within `mergeWindowMs`; clears redo. */
export function record(history: History, entry: HistoryEntry, mergeWindowMs: number): History {
  const last = history.past.at(-1);
  if (last && entry.mergeKey !== null && last.mergeKey === entry.mergeKey && entry.at - last.at < mergeWindowMs) {
    // The first entry's undo still holds the value from before the burst; the newest redo holds the end.
    return { past: [...history.past.slice(0, -1), { ...last, redo: entry.redo, at: entry.at }], future: [] };
  }
  return { past: [...history.past, entry].slice(-MAX_ENTRIES), future: [] };
}

/** The edit to perform for undo (or redo) and the history after it, or null when there is nothing to do. */
export function step(history: History, direction: 'undo' | 'redo'): { edit: StoryEdit; history: History } | null {
  const [from, to] = direction === 'undo' ? [history.past, history.future] : [history.future, history.past];
  const entry = from.at(-1);
  if (!entry) return null;
  const moved = { past: from.slice(0, -1), future: [...to, entry] };
  return {
    edit: direction === 'undo' ? entry.undo : entry.redo,
    history: direction === 'undo' ? moved : { past: moved.future, future: moved.past },
  };
}

/** A deleted frame comes back under a new id (the backend assigns ids): later steps must follow it. */
export function remapFrameId(history: History, from: string, to: string): History {
  const remap = (edit: StoryEdit): StoryEdit => {
    switch (edit.type) {
      case 'frame.insert':
        return edit.frame.id === from ? { ...edit, frame: { ...edit.frame, id: to } } : edit;
      case 'batch':
        return { ...edit, edits: edit.edits.map(remap) };
      case 'project.update':
      case 'scene.insert':
      case 'scene.update':
      case 'scene.delete':
        return edit;
      default:
        return edit.id === from ? { ...edit, id: to } : edit;
    }
  };
  const remapEntry = (entry: HistoryEntry): HistoryEntry => ({ ...entry, undo: remap(entry.undo), redo: remap(entry.redo) });
  return { past: history.past.map(remapEntry), future: history.future.map(remapEntry) };
}

function previousProjectValues({ project }: ProjectWithFrames, patch: ProjectPatch): ProjectPatch {
  const { settings, ...texts } = patch;
  const previous: ProjectPatch = pick(project, texts);
  if (settings) {
    const { reweight, ...rest } = settings;
    previous.settings = pick(project.settings, rest);
    if (reweight) previous.settings.reweight = pick(project.settings.reweight, reweight);
  }
  return previous;
}

/** `source`'s values for the keys present in `keys`. */
function pick<T extends object>(source: T, keys: object): Partial<T> {
  return Object.fromEntries(Object.keys(keys).map((key) => [key, source[key as keyof T]])) as Partial<T>;
}
