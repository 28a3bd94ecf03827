import type { Frame } from '../../../../src-shared/domain/index.ts';

/** What the player and the timeline show of a frame: its picture, or why there is none to trust. */
export type FrameLook = 'ready' | 'stale' | 'missing';

export function frameLook(frame: Frame, stale: boolean): FrameLook {
  if (frame.currentRenderId === null) return 'missing';
  // A kept picture is the one the user accepted: it plays as it is.
  return stale && !frame.kept ? 'stale' : 'ready';
}

/** "Shot 3 · CU": the label a frame goes by on the player and the timeline. */
export function shotLabel(frame: Frame): string {
  return frame.shotType ? `Shot ${frame.shotNumber} · ${frame.shotType}` : `Shot ${frame.shotNumber}`;
}
