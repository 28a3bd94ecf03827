// The panels of the PDF preview, drawn from the PDF engine's own layout (exports.pdfPreview): each picture in its box
// and each text line as the PDF wraps and sizes it, so a line, a continuation or a page break here is one there.
import type { CSSProperties } from 'react';
import type { PreviewLine, PreviewPanel } from '../../../src-shared/domain/pdf-preview.ts';
import type { Frame } from '../../../src-shared/domain/index.ts';
import { LINE_HEIGHT, type Box } from '../../../src-shared/domain/storyboard-layout.ts';
import { ExportPicture } from './ExportPicture.tsx';

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

/** A length in points, as a share of the page's width (the page is a size container). */
export const points = (size: number, page: Page) => `${(size / page.width) * 100}cqw`;

const MUTED = 'text-[#6b6b6b]';
const OUTLINE = 'outline-[0.5px] outline-[#bfbfbf] outline-solid';
/** the worksheet's field labels and their padding, as worksheet.ts draws them */
const LABEL_SIZE = 6;
const PADDING = 3;
/** the spacing of a ruled box's lines */
const RULED = 16;

/** Lines already broken by the PDF engine: drawn unwrapped, from the top of their box down. */
function Lines({ lines, box, page }: { lines: readonly PreviewLine[]; box: Box; page: Page }) {
  return (
    <div className="overflow-hidden" style={place(box, page)}>
      {lines.map((line, i) => (
        <p key={i} className={`whitespace-pre ${line.muted ? MUTED : ''}`} style={{ fontSize: points(line.size, page), lineHeight: LINE_HEIGHT, marginTop: points(line.gap, page) }}>
          {line.text}
        </p>
      ))}
    </div>
  );
}

/** One panel of the layout; `frame` is the one it belongs to (its picture), absent only while the story reloads. */
export function PreviewPanelView({ panel, frame, page }: { panel: PreviewPanel; frame: Frame | undefined; page: Page }) {
  const picture = (box: Box) => (frame ? <ExportPicture frame={frame} style={place(box, page)} className={OUTLINE} /> : <div style={place(box, page)} className={`bg-stone-100 ${OUTLINE}`} />);
  switch (panel.kind) {
    case 'grid':
      return (
        <>
          {picture(panel.picture)}
          <Lines lines={panel.lines} box={panel.text} page={page} />
        </>
      );
    case 'continued':
      return <Lines lines={panel.lines} box={panel.text} page={page} />;
    case 'worksheet':
      return (
        <>
          {picture(panel.picture)}
          {panel.fields.map((field) => (
            <div key={field.label}>
              <div className={OUTLINE} style={place(field.box, page)} />
              {field.ruled && <Ruled text={field.text} lines={field.lines} page={page} />}
              <p className={`absolute whitespace-pre ${MUTED}`} style={{ ...labelPlace(field.box, page), fontSize: points(LABEL_SIZE, page), lineHeight: 1 }}>
                {field.label}
              </p>
              <Lines lines={field.lines} box={field.text} page={page} />
            </div>
          ))}
        </>
      );
  }
}

/** The label's top-left corner inside its box, where the PDF writes it. */
function labelPlace(box: Box, page: Page): CSSProperties {
  return { left: `${((box.x + PADDING) / page.width) * 100}%`, top: `${((page.height - box.y - box.height + PADDING) / page.height) * 100}%` };
}

/** Lines to write on every 16 pt under whatever text the box already has, as the PDF rules them. */
function Ruled({ text, lines, page }: { text: Box; lines: readonly PreviewLine[]; page: Page }) {
  const used = lines.reduce((sum, line) => sum + line.gap + line.size * LINE_HEIGHT, 0);
  const step = points(RULED, page);
  return (
    <div
      aria-hidden="true"
      style={{
        ...place({ ...text, height: Math.max(0, text.height - used) }, page),
        backgroundImage: `repeating-linear-gradient(to bottom, transparent 0 calc(${step} - 1px), #bfbfbf calc(${step} - 1px) ${step})`,
      }}
    />
  );
}
