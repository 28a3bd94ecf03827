import { frameTooLong, presetCrop, tokensWithIdentity, type Frame, type Job, type ModelRecord } from '../../../src-shared/domain/index.ts';
import { frameStatus, type FrameStatus } from './jobs.ts';
import type { AppState } from './store.ts';

// Derived reads shared by several components. Each returns a primitive or an object already in the
// store, so a component re-renders only when its answer really changes.

const NO_FRAMES: readonly Frame[] = [];

/** The open story's frames in order; one constant empty list, since a selector must not make a new one per call. */
export const selectFrames = (s: AppState): readonly Frame[] => s.story?.frames ?? NO_FRAMES;

export const selectModel = (s: AppState): ModelRecord | null => s.models.find((m) => m.id === s.story?.project.modelId) ?? null;

/** Why the story cannot be generated now, or null when it can. */
export function selectGenerateBlocker(s: AppState): string | null {
  if (!s.story) return 'The story is still loading.';
  if (s.story.frames.length === 0) return 'Add a frame first.';
  if (!s.story.project.modelId) return 'Pick a model first.';
  return s.storyState?.errors[0] ?? null;
}

export const selectStaleCount = (s: AppState): number => s.storyState?.frames.reduce((n, f) => n + (f.stale ? 1 : 0), 0) ?? 0;

/** The job Cancel stops: the running one, else the next in the queue. */
export const selectCancellableJob = (s: AppState): Job | null =>
  s.jobs.find((j) => j.status === 'running') ?? s.jobs.find((j) => j.status === 'queued') ?? null;

export function selectFrameStatus(s: AppState, frameId: string, hasRender: boolean): FrameStatus {
  return frameStatus(s.frameActivity[frameId], hasRender, s.framePlans[frameId]?.stale ?? false);
}

/** 0..1 through the frame's denoising while it is being generated. */
export function selectFrameFraction(s: AppState, frameId: string): number {
  const activity = s.frameActivity[frameId];
  return activity?.status === 'generating' ? activity.fraction : 0;
}

export function selectFrameError(s: AppState, frameId: string): string | null {
  const activity = s.frameActivity[frameId];
  return activity?.status === 'failed' ? activity.error : null;
}

/**
 * Whether the frame cannot fit in any prompt, even alone with the identity: its card is highlighted, and it says
 * the count the planner's error and the token meter give.
 */
export function selectFrameTooLong(s: AppState, frameId: string): boolean {
  const plan = s.framePlans[frameId];
  return plan !== undefined && s.storyState !== null && frameTooLong(s.storyState.identityTokens, plan.tokens, s.storyState.capacity);
}

/** What a frame's card says of its tokens; null without a model to count them with. */
export function selectFrameTokenHint(s: AppState, frameId: string): string | null {
  const plan = s.framePlans[frameId];
  if (!s.story?.project.modelId || !plan || !s.storyState) return null;
  const { identityTokens, capacity } = s.storyState;
  if (selectFrameTooLong(s, frameId)) return `Too long: with the identity it uses ${tokensWithIdentity(identityTokens, plan.tokens)} of ${capacity} tokens`;
  return plan.tokens === 1 ? '1 token' : `${plan.tokens} tokens`;
}

/** Width over height of the story's pictures: its size settings, else the model's defaults; square when neither is known. */
export function selectStoryAspect(s: AppState): number {
  const settings = s.story?.project.settings;
  const defaults = selectModel(s)?.defaults;
  const width = settings?.width ?? defaults?.width;
  const height = settings?.height ?? defaults?.height;
  if (!width || !height) return 1;
  // A preset rendered at a nearby trained size (2.39:1 at 1024×432) is shown cropped to its ratio, as exports crop it.
  const crop = presetCrop(width, height, settings?.aspect ?? null);
  return crop ? crop.width / crop.height : width / height;
}
