// What a frame's panel says, as blocks of text in reading order: the board's fields first, then what the export asks for.
import { dialogueText, shotHeading } from '../../../src-shared/domain/board-text.ts';
import type { Frame } from '../../../src-shared/domain/index.ts';
import type { TextBlock } from './text-fit.ts';

export interface PanelShow {
  prompts: boolean;
  notes: boolean;
  durations: boolean;
  /** scenes start pages (their heading in the page header); off, a scene's heading goes above its first shot */
  sceneBreaks: boolean;
}

/** A grid panel's texts under its picture; `sceneHeading`: the scene this shot starts, when pages do not break for it. */
export function gridBlocks(frame: Frame, show: PanelShow, sceneHeading: string | null = null): TextBlock[] {
  const blocks: TextBlock[] = [
    { field: 'scene heading', text: sceneHeading ? clean(sceneHeading) : '' },
    { field: 'heading', text: clean(shotHeading(frame, show.durations)) },
    { field: 'caption', text: clean(frame.caption) },
    { field: 'action', text: labelled('Action', frame.action) },
    { field: 'dialogue', text: frame.speaker.trim() ? clean(dialogueText(frame)) : labelled('Dialogue', frame.dialogue) },
    { field: 'prompt', text: show.prompts ? clean(frame.prompt) : '', muted: true, small: true },
    { field: 'notes', text: show.notes ? labelled('Notes', frame.notes) : '', small: true },
  ];
  return blocks.filter((b) => b.text.trim() !== '');
}

/** The heading of a panel that carries on a shot's text (the one block without a field: each such panel has its own). */
export function continuedHeading(frame: Frame): TextBlock {
  return { field: '', text: `Shot ${clean(frame.shotNumber)} (continued)` };
}

/** "Label: text", or nothing when there is no text. */
export function labelled(label: string, text: string): string {
  return text.trim() ? `${label}: ${clean(text)}` : '';
}

/** Tabs become spaces; other control characters have no glyph in any font. */
export function clean(text: string): string {
  return text.replace(/\t/g, ' ').replace(/(?![\n\r])\p{Cc}/gu, '');
}
