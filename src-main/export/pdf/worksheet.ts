// The worksheet's row for a shot: the picture beside boxed fields (shot, shot type and camera, action, dialogue) and a
// notes box ruled for handwriting.
import { rgb, type PDFPage } from 'pdf-lib';
import type { Frame } from '../../../src-shared/domain/index.ts';
import { formatSeconds } from '../../../src-shared/format/quantities.ts';
import { type Box, type WorksheetRow } from '../../../src-shared/domain/storyboard-layout.ts';
import { dialogueText } from '../../../src-shared/domain/board-text.ts';
import { clean, labelled, type PanelShow } from './panel-texts.ts';
import { drawFitted, fitText, fittedHeight, type FittedText, type TextBlock } from './text-fit.ts';
import type { TextWriter } from './text-writer.ts';

const INK = rgb(0.1, 0.1, 0.1);
const MUTED = rgb(0.42, 0.42, 0.42);
const RULE = rgb(0.75, 0.75, 0.75);
const LABEL_SIZE = 6;
const PADDING = 3;
/** the spacing of the notes box's ruled lines: room for handwriting */
const RULED = 16;

type Field = Exclude<keyof WorksheetRow, 'picture'>;
const LABELS: Record<Field, string> = { shot: 'Shot', shotType: 'Shot type / camera', action: 'Action', dialogue: 'Dialogue', notes: 'Notes' };

function fieldBlocks(frame: Frame, show: PanelShow, sceneHeading: string | null): Record<Field, TextBlock[]> {
  const blocks: Record<Field, TextBlock[]> = {
    shot: [{ field: 'shot number', text: [frame.shotNumber, show.durations ? formatSeconds(frame.durationMs) : ''].map(clean).filter(Boolean).join(' · ') }],
    shotType: [{ field: 'shot type', text: [frame.shotType, frame.camera].map(clean).filter(Boolean).join(' · ') }],
    // the box is labelled Action: the caption beside it says what it is
    action: [
      { field: 'scene heading', text: sceneHeading ? labelled('Scene', sceneHeading) : '' },
      { field: 'caption', text: labelled('Caption', frame.caption) },
      { field: 'action', text: clean(frame.action) },
    ],
    dialogue: [{ field: 'dialogue', text: clean(dialogueText(frame)) }],
    // the box is labelled Notes: the prompt in it says it is the prompt, not a note
    notes: [
      { field: 'prompt', text: show.prompts ? labelled('Prompt', frame.prompt) : '', muted: true, small: true },
      { field: 'notes', text: show.notes ? clean(frame.notes) : '', small: true },
    ],
  };
  for (const field of Object.keys(blocks) as Field[]) blocks[field] = blocks[field].filter((b) => b.text.trim() !== '');
  return blocks;
}

/** The room for a box's text, under its label. */
function inner(box: Box): Box {
  return { x: box.x + PADDING, y: box.y + PADDING, width: box.width - 2 * PADDING, height: box.height - 2 * PADDING - LABEL_SIZE * 1.3 };
}

/** One boxed field of a worksheet row: its label, its box, and its text fitted in the room under the label. */
export interface WorksheetField {
  label: string;
  box: Box;
  /** the room for the text, under the label */
  text: Box;
  fitted: FittedText;
  /** ruled for handwriting under its text (the notes box) */
  ruled: boolean;
}

/**
 * The row's fields fitted in their boxes, and what did not fit (the picture is drawn apart); `sceneHeading`: the
 * scene this shot starts, when pages do not break for it.
 */
export function worksheetFields(frame: Frame, show: PanelShow, row: WorksheetRow, base: number, writer: TextWriter, sceneHeading: string | null = null): { rest: TextBlock[]; fields: WorksheetField[] } {
  const blocks = fieldBlocks(frame, show, sceneHeading);
  const fields = (Object.keys(LABELS) as Field[]).map((field) => ({
    label: LABELS[field],
    box: row[field],
    text: inner(row[field]),
    fitted: fitText(blocks[field], inner(row[field]), base, writer),
    ruled: field === 'notes',
  }));
  return { rest: fields.flatMap((f) => f.fitted.rest), fields };
}

export function drawWorksheetFields(page: PDFPage, fields: readonly WorksheetField[], writer: TextWriter): void {
  for (const { label, box, text, fitted, ruled } of fields) {
    page.drawRectangle({ ...box, borderColor: RULE, borderWidth: 0.5 });
    writer.line(page, label, box.x + PADDING, box.y + box.height - PADDING - LABEL_SIZE, LABEL_SIZE, MUTED);
    drawFitted(page, fitted, text, writer, { ink: INK, muted: MUTED });
    if (ruled) ruleLines(page, text, fittedHeight(fitted));
  }
}

/** Lines to write on, under whatever text the box already has. */
function ruleLines(page: PDFPage, box: Box, used: number): void {
  for (let y = box.y + box.height - used - RULED; y >= box.y; y -= RULED) {
    page.drawLine({ start: { x: box.x, y }, end: { x: box.x + box.width, y }, thickness: 0.4, color: RULE });
  }
}
