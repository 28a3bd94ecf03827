// story.json: what an image sequence's frames are, enough to understand or reproduce each one.
import { summarizeRenders } from './render-summary.ts';
import type { StorySnapshot } from './snapshot.ts';

export const MANIFEST_FORMAT = 'onestory-image-sequence';
/**
 * 2: `renderedWith` and each frame's `differs` say what made the pictures; the story's settings now are `currentSettings`.
 * 3: the board's fields (shot, camera, action, dialogue, speaker) and each frame's scene heading.
 */
export const MANIFEST_VERSION = 3;

/** frame-001.png …, with as many digits as the story needs (at least three). */
export function frameFileNames(count: number): string[] {
  const digits = Math.max(3, String(count).length);
  return Array.from({ length: count }, (_, j) => `frame-${String(j + 1).padStart(digits, '0')}.png`);
}

export function storyManifest(snapshot: StorySnapshot, files: readonly string[], exportedAt: Date) {
  const { project } = snapshot;
  const summary = summarizeRenders(snapshot);
  const headings = new Map(snapshot.scenes.map((scene) => [scene.id, scene.heading]));
  return {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    exportedAt: exportedAt.toISOString(),
    project: {
      id: project.id,
      name: project.name,
      identityPrompt: project.identityPrompt,
      negativePrompt: project.negativePrompt,
      modelId: project.modelId,
      modelName: snapshot.modelName,
      /** the story's settings at export time: not necessarily those any picture was made with (see renderedWith) */
      currentSettings: project.settings,
    },
    /** what every exported picture was rendered with (from the renders' own parameters) */
    renderedWith: summary.shared,
    frames: snapshot.frames.map(({ frame, render, state, staleReasons }, j) => ({
      number: j + 1,
      file: files[j],
      frameId: frame.id,
      prompt: frame.prompt,
      caption: frame.caption,
      notes: frame.notes,
      shotNumber: frame.shotNumber,
      shotType: frame.shotType,
      camera: frame.camera,
      action: frame.action,
      dialogue: frame.dialogue,
      speaker: frame.speaker,
      /** the heading of the frame's scene; null when it belongs to none */
      scene: (frame.sceneId && headings.get(frame.sceneId)) ?? null,
      durationMs: frame.durationMs,
      seedOverride: frame.seedOverride,
      /** ok, or why the file is a placeholder (missing) or carries an "Out of date" mark (stale) */
      state,
      /** kept by the user as it is, though the story changed since (staleReasons say how) */
      kept: frame.kept,
      staleReasons,
      /** what this picture's render does not share with the others (renderedWith); null without a render */
      differs: summary.differs.get(j + 1) ?? null,
      render: render && { id: render.id, createdAt: new Date(render.createdAt).toISOString(), width: render.width, height: render.height, params: render.params },
    })),
  };
}
