import { useId, type KeyboardEvent } from 'react';
import { GIF_WIDTH, type ExportFormat } from '../../../src-shared/domain/export.ts';
import { ORIENTATIONS, PAPERS, PDF_LAYOUTS } from '../../../src-shared/domain/storyboard-layout.ts';
import { FORMATS, formatInfo, type ExportChoices, type GifChoices, type PdfChoices } from './export-choices.ts';
import { NumberField } from './NumberField.tsx';
import { fieldLabel, hint } from './ui.ts';

/** The formats as tabs (arrow keys move between them, as in any tab list). */
export function ExportFormatTabs({ format, panelId, disabled, onChange }: { format: ExportFormat; panelId: string; disabled: boolean; onChange(format: ExportFormat): void }) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = FORMATS.findIndex((f) => f.format === format);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: FORMATS.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = FORMATS[(next + FORMATS.length) % FORMATS.length].format;
    onChange(target);
    event.currentTarget.querySelector<HTMLElement>(`[data-format="${target}"]`)?.focus();
  };
  return (
    <div role="tablist" aria-label="Format" className="flex gap-0.5 rounded-lg bg-stone-100 p-0.5 dark:bg-stone-800" onKeyDown={onKeyDown}>
      {FORMATS.map(({ format: f, label }) => (
        <button
          key={f}
          type="button"
          role="tab"
          data-format={f}
          aria-selected={f === format}
          aria-controls={panelId}
          tabIndex={f === format ? 0 : -1}
          disabled={disabled}
          onClick={() => onChange(f)}
          className="flex-1 rounded-md px-3 py-1.5 text-sm font-medium text-stone-600 focus-visible:outline-2 focus-visible:outline-teal-600 disabled:opacity-60 aria-selected:bg-white aria-selected:text-stone-900 aria-selected:shadow-sm dark:text-stone-300 dark:aria-selected:bg-stone-950 dark:aria-selected:text-stone-50"
        >
          {label}
        </button>
      ))}
    </div>
  );
}

/** The chosen format's description and settings. */
export function ExportOptions({ choices, onChange }: { choices: ExportChoices; onChange(choices: ExportChoices): void }) {
  return (
    <div className="grid content-start gap-4">
      <p className={hint}>{formatInfo(choices.format).description}</p>
      {choices.format === 'pdf' && <PdfOptions pdf={choices.pdf} onChange={(pdf) => onChange({ ...choices, pdf })} />}
      {choices.format === 'gif' && <GifOptions gif={choices.gif} onChange={(gif) => onChange({ ...choices, gif })} />}
    </div>
  );
}

function PdfOptions({ pdf, onChange }: { pdf: PdfChoices; onChange(pdf: PdfChoices): void }) {
  const set = (patch: Partial<PdfChoices>) => onChange({ ...pdf, ...patch });
  return (
    <>
      <Segmented
        label="Layout (frames per page)"
        value={pdf.layout}
        options={PDF_LAYOUTS.map((layout) => ({ value: layout, label: layout === 'worksheet' ? 'Worksheet' : String(layout) }))}
        onChange={(layout) => set({ layout })}
      />
      <p className={`${hint} -mt-2`}>
        {pdf.layout === 'worksheet' && 'Rows of picture, shot, shot type and camera, action and dialogue, with ruled lines for handwritten notes. '}
        No text is cut: long text shrinks, down to 5 pt, then continues in the next panel, marked “(continued)”.
      </p>
      <Segmented label="Paper" value={pdf.paper} options={PAPERS.map((p) => ({ value: p, label: p === 'a4' ? 'A4' : 'Letter' }))} onChange={(paper) => set({ paper })} />
      <Segmented label="Orientation" value={pdf.orientation} options={ORIENTATIONS.map((o) => ({ value: o, label: o === 'portrait' ? 'Portrait' : 'Landscape' }))} onChange={(orientation) => set({ orientation })} />
      <fieldset className="grid gap-2">
        <legend className={`${fieldLabel} mb-1`}>Include</legend>
        <Check label="Title page (identity prompt, model and settings)" checked={pdf.titlePage} onChange={(titlePage) => set({ titlePage })} />
        <Check label="Prompts" checked={pdf.prompts} onChange={(prompts) => set({ prompts })} />
        <Check label="Notes" checked={pdf.notes} onChange={(notes) => set({ notes })} />
        <Check label="Durations" checked={pdf.durations} onChange={(durations) => set({ durations })} />
        <Check label="Each scene on a new page" checked={pdf.sceneBreaks} onChange={(sceneBreaks) => set({ sceneBreaks })} />
      </fieldset>
    </>
  );
}

function GifOptions({ gif, onChange }: { gif: GifChoices; onChange(gif: GifChoices): void }) {
  return (
    <>
      <NumberField
        label="Width (pixels)"
        integer
        min={GIF_WIDTH.min}
        max={GIF_WIDTH.max}
        step={16}
        value={gif.width}
        onChange={(width) => width !== null && onChange({ ...gif, width })}
      />
      <p className={`${hint} -mt-2`}>The height follows the pictures’ shape.</p>
      <Check label="Loop forever (off: play once)" checked={gif.loop} onChange={(loop) => onChange({ ...gif, loop })} />
    </>
  );
}

function Segmented<V extends string | number>({ label, value, options, onChange }: { label: string; value: V; options: ReadonlyArray<{ value: V; label: string }>; onChange(value: V): void }) {
  const name = useId();
  return (
    <fieldset className="grid gap-1.5">
      <legend className={`${fieldLabel} mb-1.5`}>{label}</legend>
      <div className="flex gap-0.5 rounded-lg bg-stone-100 p-0.5 dark:bg-stone-800">
        {options.map((option) => (
          <label
            key={option.value}
            className="flex-1 cursor-pointer rounded-md px-1 py-1 text-center text-sm font-medium text-stone-600 has-checked:bg-white has-checked:text-stone-900 has-checked:shadow-sm has-focus-visible:outline-2 has-focus-visible:outline-teal-600 dark:text-stone-300 dark:has-checked:bg-stone-950 dark:has-checked:text-stone-50"
          >
            <input type="radio" name={name} checked={option.value === value} onChange={() => onChange(option.value)} className="sr-only" />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange(checked: boolean): void }) {
  return (
    <label className="flex cursor-pointer items-center gap-2 text-sm">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} className="size-4 accent-teal-700" />
      {label}
    </label>
  );
}
