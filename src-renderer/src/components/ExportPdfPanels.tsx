// One frame's panel in the PDF preview, where the PDF engine places it (src-shared/domain/storyboard-layout.ts).
import type { CSSProperties, ReactNode } from 'react';
import { dialogueText, shotHeading } from '../../../src-shared/domain/board-text.ts';
import type { Frame } from '../../../src-shared/domain/index.ts';
import { gridPanel, LINE_HEIGHT, PANEL_TEXT_SIZE, SMALL_TEXT, worksheetRow, type Box, type PanelsPerPage } from '../../../src-shared/domain/storyboard-layout.ts';
import type { PdfChoices } from './export-choices.ts';
import { ExportPicture } from './ExportPicture.tsx';
import { useOverflow } from './use-overflow.ts';

export type Page = { width: number; height: number };

/** Where a box in PDF points (origin bottom left) sits on the page, in percentages. */
export function place(box: Box, page: Page): CSSProperties {
  const percent = (value: number) => `${value * 100}%`;
  return {
    position: 'absolute',
    left: percent(box.x / page.width),
    top: percent((page.height - box.y - box.height) / page.height),
    width: percent(box.width / page.width),
    height: percent(box.height / page.height),
  };
}

/** A font size in points, as a share of the page's width (the page is a size container). */
export const points = (size: number, page: Page) => `${(size / page.width) * 100}cqw`;

const MUTED = 'text-[#6b6b6b]';
const OUTLINE = 'outline-[0.5px] outline-[#bfbfbf] outline-solid';

interface PanelProps {
  frame: Frame;
  box: Box;
  page: Page;
  aspect: number;
  choices: PdfChoices;
}

/**
 * Where the preview's text is too long for its box: the PDF shrinks such text, then continues what still does not
 * fit on a later page; the preview, which cannot measure the PDF's font, clips it and says so here.
 */
function ContinuesMark() {
  // in screen pixels, not page points: readable at any preview size
  return (
    <span
      className="absolute right-0 bottom-0 rounded bg-amber-100 px-1 text-[11px] leading-tight font-medium text-amber-900 ring-1 ring-amber-300"
      title="Too long for this panel at this size: the PDF shrinks the text, then continues what still does not fit on a later page (the export summary says where)"
    >
      continues ▸
    </span>
  );
}

/** A grid panel: the picture, then the shot heading and texts (clipped here, marked when too long: ContinuesMark). */
export function GridPanel({ frame, box, page, aspect, choices, panels }: PanelProps & { panels: PanelsPerPage }) {
  const { picture, text } = gridPanel(box, panels, aspect);
  const size = PANEL_TEXT_SIZE[panels];
  const small = points(size * SMALL_TEXT, page);
  const [textRef, overflows] = useOverflow<HTMLDivElement>();
  return (
    <>
      <ExportPicture frame={frame} style={place(picture, page)} className={OUTLINE} />
      {overflows && (
        <div style={place(text, page)} className="pointer-events-none">
          <ContinuesMark />
        </div>
      )}
      <div ref={textRef} className="overflow-hidden [overflow-wrap:anywhere]" style={{ ...place(text, page), fontSize: points(size, page), lineHeight: LINE_HEIGHT }}>
        <p>{shotHeading(frame, choices.durations)}</p>
        <Text>{frame.caption}</Text>
        <Text>{frame.action && `Action: ${frame.action}`}</Text>
        <Text>{frame.dialogue && (frame.speaker.trim() ? dialogueText(frame) : `Dialogue: ${frame.dialogue}`)}</Text>
        {choices.prompts && <Text style={{ fontSize: small }} muted>{frame.prompt}</Text>}
        {choices.notes && <Text style={{ fontSize: small }}>{frame.notes && `Notes: ${frame.notes}`}</Text>}
      </div>
    </>
  );
}

/** A worksheet row: the picture beside boxed fields and a notes box ruled for handwriting. */
export function WorksheetPanel({ frame, box, page, aspect, choices }: PanelProps) {
  const row = worksheetRow(box, aspect);
  const size = points(PANEL_TEXT_SIZE.worksheet, page);
  const small = points(PANEL_TEXT_SIZE.worksheet * SMALL_TEXT, page);
  return (
    <>
      <ExportPicture frame={frame} style={place(row.picture, page)} className={OUTLINE} />
      <Field label="Shot" box={row.shot} page={page} size={size}>
        {frame.shotNumber}
      </Field>
      <Field label="Shot type / camera" box={row.shotType} page={page} size={size}>
        {[frame.shotType, frame.camera].filter((t) => t.trim()).join(' · ')}
      </Field>
      <Field label="Action" box={row.action} page={page} size={size}>
        <Text>{frame.caption}</Text>
        <Text>{frame.action}</Text>
      </Field>
      <Field label="Dialogue" box={row.dialogue} page={page} size={size}>
        {dialogueText(frame)}
      </Field>
      <Field label="Notes" box={row.notes} page={page} size={small} ruled>
        {choices.prompts && <Text muted>{frame.prompt}</Text>}
        {choices.notes && <Text>{frame.notes}</Text>}
      </Field>
    </>
  );
}

function Field({ label, box, page, size, ruled, children }: { label: string; box: Box; page: Page; size: string; ruled?: boolean; children: ReactNode }) {
  // Ruled lines 16 pt apart, as the PDF draws them.
  const lines = ruled ? { backgroundImage: `repeating-linear-gradient(to bottom, transparent 0 calc(${points(16, page)} - 1px), #bfbfbf calc(${points(16, page)} - 1px) ${points(16, page)})` } : {};
  const [ref, overflows] = useOverflow<HTMLDivElement>();
  return (
    <div ref={ref} className={`overflow-hidden p-[0.5cqw] ${OUTLINE} [overflow-wrap:anywhere]`} style={{ ...place(box, page), ...lines, lineHeight: LINE_HEIGHT }}>
      <p className={MUTED} style={{ fontSize: points(6, page) }}>
        {label}
      </p>
      <div style={{ fontSize: size }}>{children}</div>
      {overflows && <ContinuesMark />}
    </div>
  );
}

function Text({ muted, style, children }: { muted?: boolean; style?: CSSProperties; children: ReactNode }) {
  if (!children) return null;
  return (
    <p className={`whitespace-pre-line ${muted ? MUTED : ''}`} style={style}>
      {children}
    </p>
  );
}
