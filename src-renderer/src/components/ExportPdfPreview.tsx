import { useMemo, useState, type CSSProperties } from 'react';
import type { PdfPreview } from '../../../src-shared/domain/pdf-preview.ts';
import type { Frame } from '../../../src-shared/domain/index.ts';
import { HEADER_HEIGHT, LINE_HEIGHT, MARGIN, pageSize } from '../../../src-shared/domain/storyboard-layout.ts';
import { frameCountLabel } from '../format.ts';
import { useApp } from '../state/context.ts';
import { selectFrames, selectModel } from '../state/selectors.ts';
import type { PdfChoices } from './export-choices.ts';
import { place, points, PreviewPanelView, type Page } from './ExportPdfPanels.tsx';
import { ChevronLeftIcon, ChevronRightIcon } from './icons.tsx';
import { button, hint } from './ui.ts';
import { usePdfPreview } from './use-pdf-preview.ts';
import { formatSeconds } from '../../../src-shared/format/quantities.ts';

/** At most `lines` lines of text, as the PDF wraps and cuts it. */
function clamp(lines: number): CSSProperties {
  return { display: '-webkit-box', WebkitBoxOrient: 'vertical', WebkitLineClamp: lines, overflow: 'hidden', overflowWrap: 'anywhere' };
}

/**
 * The PDF's pages as the PDF engine lays them out (exports.pdfPreview): panels, pictures and every text line where
 * they will be printed, continuations and page breaks included. One page at a time, with a page stepper.
 */
export function ExportPdfPreview({ choices }: { choices: PdfChoices }) {
  const frames = useApp(selectFrames);
  const name = useApp((s) => s.story?.project.name ?? '');
  const { preview, madeFor, failed } = usePdfPreview(choices);
  // the page the shown layout was made for, until the layout for new choices arrives
  const shape = madeFor ?? choices;
  const page = pageSize(shape.paper, shape.orientation);
  const storyPages = preview?.pages.length ?? 1;
  const total = Math.max(1, storyPages) + (shape.titlePage ? 1 : 0);
  const [wanted, setWanted] = useState(0);
  const index = Math.min(wanted, total - 1);
  const label = `Page ${index + 1} of ${total}`;
  const shown = preview?.pages[index - (shape.titlePage ? 1 : 0)];

  return (
    <figure className="grid justify-items-center gap-2">
      <div
        role="img"
        aria-label={`Preview of the PDF, ${label.toLowerCase()}`}
        aria-busy={preview === null}
        className="@container relative w-full overflow-hidden bg-white font-[Helvetica,Arial,sans-serif] text-[#1a1a1a] shadow-md ring-1 ring-stone-300 dark:ring-stone-700"
        style={{ aspectRatio: `${page.width} / ${page.height}`, maxWidth: `calc(min(62vh, 40rem) * ${page.width / page.height})` }}
      >
        {shape.titlePage && index === 0 ? (
          <TitlePage page={page} name={name} frames={frames} />
        ) : shown ? (
          <StoryPage page={page} panels={shown.panels} frames={frames} name={name} scene={shown.scene} label={label} />
        ) : (
          <p className={`${hint} absolute inset-0 grid place-content-center`}>{failed ?? (preview ? '' : 'Laying out the pages…')}</p>
        )}
      </div>
      <figcaption className="flex items-center gap-2">
        <button type="button" className={button.icon} aria-label="Previous page" disabled={index === 0} onClick={() => setWanted(index - 1)}>
          <ChevronLeftIcon />
        </button>
        <span className={`${hint} tabular-nums`} aria-live="polite">
          {label} · {shape.paper === 'a4' ? 'A4' : 'Letter'} {shape.orientation}
        </span>
        <button type="button" className={button.icon} aria-label="Next page" disabled={index === total - 1} onClick={() => setWanted(index + 1)}>
          <ChevronRightIcon />
        </button>
      </figcaption>
      {failed && preview && <p className="text-xs text-red-700 dark:text-red-400">The preview could not be updated: {failed}</p>}
    </figure>
  );
}

interface StoryPageProps {
  page: Page;
  panels: PdfPreview['pages'][number]['panels'];
  frames: readonly Frame[];
  name: string;
  scene: string | null;
  label: string;
}

function StoryPage({ page, panels, frames, name, scene, label }: StoryPageProps) {
  const byId = useMemo(() => new Map(frames.map((f) => [f.id, f])), [frames]);
  const header = { x: MARGIN, y: page.height - MARGIN - HEADER_HEIGHT, width: page.width - 2 * MARGIN, height: HEADER_HEIGHT };
  return (
    <>
      <div className="flex items-center justify-between gap-4 text-[#6b6b6b]" style={{ ...place(header, page), fontSize: points(8, page) }}>
        {scene ? (
          <span className="truncate text-[#1a1a1a]" style={{ fontSize: points(10, page) }}>
            {scene}
          </span>
        ) : (
          <span className="truncate">{name}</span>
        )}
        <span className="shrink-0">{scene ? `${name} · ${label}` : label}</span>
      </div>
      {panels.map((panel, i) => (
        <PreviewPanelView key={`${panel.kind}-${panel.frameId}-${i}`} panel={panel} frame={byId.get(panel.frameId)} page={page} />
      ))}
    </>
  );
}

/** The title page's layout; its settings rows are drawn as grey lines rather than written out a second time. */
function TitlePage({ page, name, frames }: { page: Page; name: string; frames: readonly Frame[] }) {
  const project = useApp((s) => s.story?.project);
  const model = useApp(selectModel);
  const seconds = formatSeconds(frames.reduce((sum, f) => sum + f.durationMs, 0));
  const rows: Array<[string, string]> = [
    ['Identity prompt', project?.identityPrompt || '(none)'],
    ['Negative prompt', project?.negativePrompt || '(none)'],
    ['Model', model?.name ?? project?.modelId ?? 'none chosen'],
    ['Frames', `${frameCountLabel(frames.length)}, ${seconds} in all`],
  ];
  const content = { x: MARGIN, y: MARGIN, width: page.width - 2 * MARGIN, height: page.height - 2 * MARGIN };
  return (
    <div style={{ ...place(content, page), fontSize: points(10, page) }} className="grid content-start gap-[1.2cqw]">
      <p style={{ ...clamp(3), fontSize: points(22, page), lineHeight: LINE_HEIGHT }}>{name}</p>
      <p className="mb-[2cqw] text-[#6b6b6b]" style={{ fontSize: points(12, page) }}>
        Storyboard
      </p>
      {rows.map(([label, value]) => (
        <div key={label} className="grid" style={{ gridTemplateColumns: `${(110 / content.width) * 100}% 1fr`, lineHeight: LINE_HEIGHT }}>
          <span className="text-[#6b6b6b]">{label}</span>
          <span style={clamp(8)}>{value}</span>
        </div>
      ))}
      {[0.9, 0.7, 0.8].map((width, i) => (
        <div key={i} className="grid" style={{ gridTemplateColumns: `${(110 / content.width) * 100}% 1fr` }} aria-hidden="true">
          <span className="h-[0.9cqw] w-1/2 rounded-full bg-stone-200" />
          <span className="h-[0.9cqw] rounded-full bg-stone-200" style={{ width: `${width * 100}%` }} />
        </div>
      ))}
    </div>
  );
}
