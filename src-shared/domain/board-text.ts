// How a board's fields read in print, shared by the PDF engine and the editor's preview of it.
import { formatSeconds } from '../format/quantities.ts';
import type { Frame } from './frame.ts';

type BoardFrame = Pick<Frame, 'shotNumber' | 'shotType' | 'camera' | 'durationMs'>;

/** "Shot 3 · CU · dolly · 2.5 s" */
export function shotHeading(frame: BoardFrame, durations: boolean): string {
  return [`Shot ${frame.shotNumber}`, frame.shotType.trim(), frame.camera.trim(), durations ? formatSeconds(frame.durationMs) : ''].filter(Boolean).join(' · ');
}

/** "ANNA: We should go." */
export function dialogueText(frame: Pick<Frame, 'dialogue' | 'speaker'>): string {
  const dialogue = frame.dialogue.trim();
  return dialogue && frame.speaker.trim() ? `${frame.speaker.trim()}: ${dialogue}` : dialogue;
}

/** Whether a frame starts a scene after `previous` (a scene starts a new page); frames in no scene start none. */
export function startsScene(frame: Pick<Frame, 'sceneId'>, previous: Pick<Frame, 'sceneId'> | undefined): boolean {
  return frame.sceneId !== null && frame.sceneId !== previous?.sceneId;
}
