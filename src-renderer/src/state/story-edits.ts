import {
  applySettingsPatch,
  patchFrame,
  placeFrame,
  type Frame,
  type ProjectWithFrames,
  type Scene,
} from '../../../src-shared/domain/index.ts';
import type { MethodInput } from '../../../src-shared/contract/index.ts';

export type ProjectPatch = MethodInput<'projects.update'>['patch'];
export type FramePatch = MethodInput<'frames.update'>['patch'];

/**
 * Every change to the open story, as data. The store applies an edit locally at once and then
 * persists it; undo/redo records each edit with its inverse (history.ts).
 */
export type StoryEdit =
  | { type: 'project.update'; patch: ProjectPatch }
  | { type: 'frame.insert'; frame: Frame }
  | { type: 'frame.update'; id: string; patch: FramePatch }
  | { type: 'frame.move'; id: string; toPosition: number }
  | { type: 'frame.delete'; id: string }
  /** makes one of the frame's renders its current variant */
  | { type: 'frame.select'; id: string; renderId: string }
  /** a scene heading with no frames yet (they join it by frame.update) */
  | { type: 'scene.insert'; scene: Scene }
  | { type: 'scene.update'; id: string; heading: string }
  /** the heading goes; its frames stay, in no scene */
  | { type: 'scene.delete'; id: string }
  /** several edits that are one step for the user (moving a frame into another scene), in order */
  | { type: 'batch'; edits: StoryEdit[] };

/** Pure: the story after `edit`, with frame positions kept 0..n-1 like the backend does. */
export function applyStoryEdit(story: ProjectWithFrames, edit: StoryEdit): ProjectWithFrames {
  switch (edit.type) {
    case 'project.update': {
      const { settings, ...rest } = edit.patch;
      const project = { ...story.project, ...rest };
      if (settings) project.settings = applySettingsPatch(story.project.settings, settings);
      return { ...story, project };
    }
    case 'frame.insert': {
      const frames = [...story.frames];
      frames.splice(Math.min(edit.frame.position, frames.length), 0, edit.frame);
      return { ...story, frames: renumber(frames) };
    }
    case 'frame.update':
      return { ...story, frames: story.frames.map((f) => (f.id === edit.id ? patchFrame(f, edit.patch) : f)) };
    case 'frame.move': {
      const from = story.frames.findIndex((f) => f.id === edit.id);
      if (from < 0) return story;
      const frames = [...story.frames];
      const [moved] = frames.splice(from, 1);
      frames.splice(Math.min(edit.toPosition, frames.length), 0, moved);
      return { ...story, frames: renumber(frames) };
    }
    case 'frame.delete':
      return { ...story, frames: renumber(story.frames.filter((f) => f.id !== edit.id)) };
    case 'frame.select':
      return { ...story, frames: story.frames.map((f) => (f.id === edit.id ? { ...f, currentRenderId: edit.renderId } : f)) };
    case 'scene.insert':
      return { ...story, scenes: [...story.scenes, edit.scene] };
    case 'scene.update':
      return { ...story, scenes: story.scenes.map((s) => (s.id === edit.id ? { ...s, heading: edit.heading } : s)) };
    case 'scene.delete':
      return {
        ...story,
        scenes: story.scenes.filter((s) => s.id !== edit.id),
        frames: story.frames.map((f) => (f.sceneId === edit.id ? { ...f, sceneId: null } : f)),
      };
    case 'batch':
      return edit.edits.reduce(applyStoryEdit, story);
  }
}

function renumber(frames: Frame[]): Frame[] {
  return frames.map((f, i) => (f.position === i ? f : placeFrame(f, i)));
}
