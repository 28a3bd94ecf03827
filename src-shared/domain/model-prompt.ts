import type { Frame } from './frame.ts';
import type { GenerationSettings } from './settings.ts';

/** How each offered shot type is worded for the model; free text goes in as written. */
export const SHOT_WORDING: Readonly<Record<string, string>> = Object.freeze({
  ECU: 'extreme close-up shot',
  CU: 'close-up shot',
  MCU: 'medium close-up shot',
  MS: 'medium shot',
  MWS: 'medium wide shot',
  WS: 'wide shot',
  EWS: 'extreme wide shot',
  OTS: 'over-the-shoulder shot',
  POV: 'point-of-view shot',
  insert: 'insert shot',
  'two-shot': 'two-shot',
});

/** The shot type as words the text encoder understands ("CU" → "close-up shot"); "" when unset. */
export function shotWording(shotType: string): string {
  const type = shotType.trim();
  return SHOT_WORDING[type] ?? type;
}

/**
 * The frame's part of the consolidated prompt as the model sees it: its prompt, followed by its shot type's wording
 * when the story lets shot type guide the image. One function for planning, generating and judging staleness.
 */
export function modelPrompt(frame: Pick<Frame, 'prompt' | 'shotType'>, settings: Pick<GenerationSettings, 'shotTypeGuidesImage'>): string {
  const wording = settings.shotTypeGuidesImage ? shotWording(frame.shotType) : '';
  if (!wording) return frame.prompt;
  return frame.prompt.trim() ? `${frame.prompt}, ${wording}` : wording;
}
