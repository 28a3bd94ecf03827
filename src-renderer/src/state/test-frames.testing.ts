// Frames for the renderer's state tests: fixed ids, plain texts.
import { emptyBoardFields, type Frame } from '../../../src-shared/domain/index.ts';

export const PROJECT_ID = '00000000-0000-4000-8000-000000000000';
export const frameId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Frame n ("prompt n") of PROJECT_ID at position. */
export function makeFrame(n: number, position = n): Frame {
  return {
    id: frameId(n),
    projectId: PROJECT_ID,
    position,
    prompt: `prompt ${n}`,
    caption: '',
    notes: '',
    durationMs: 1000,
    seedOverride: null,
    currentRenderId: null,
    kept: false,
    createdAt: 0,
    updatedAt: 0,
    ...emptyBoardFields(position),
  };
}
