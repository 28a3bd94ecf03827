import { useId, useState } from 'react';
import { useActions } from '../state/context.ts';
import { ResetIcon } from './icons.tsx';
import { button, fieldLabel, input } from './ui.ts';

interface NumberFieldProps {
  label: string;
  /** null shows the placeholder; only `optional` fields may be emptied to null */
  value: number | null;
  onChange(value: number | null): void;
  /** bounds and step in the units shown */
  min: number;
  max: number;
  step: number;
  /** stored value = shown value × scale (seconds shown, milliseconds stored) */
  scale?: number;
  integer?: boolean;
  multipleOf?: number;
  /** empty means "use the default"; a reset button empties it */
  optional?: boolean;
  placeholder?: string;
  /** what the reset button says, when optional */
  resetLabel?: string;
}

/**
 * A number that autosaves while typing: only values in range reach the store, so "1." or an empty
 * required field can be typed through. The raw text lives here while the field has focus.
 */
export function NumberField({ label, value, onChange, min, max, step, scale = 1, integer, multipleOf, optional, placeholder, resetLabel }: NumberFieldProps) {
  const { flushEdits } = useActions();
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);

  /** The stored value for a text, null for "default", undefined when the text is not acceptable. */
  const parse = (text: string): number | null | undefined => {
    if (text.trim() === '') return optional ? null : undefined;
    const raw = Number(text) * scale;
    const stored = integer ? Math.round(raw) : raw;
    const inRange = Number.isFinite(stored) && stored >= min * scale && stored <= max * scale;
    return inRange && (!multipleOf || stored % multipleOf === 0) ? stored : undefined;
  };
  // The draft wins while it is half-typed or says the same as the store; an undo meanwhile shows through.
  const draftValue = draft === null ? undefined : parse(draft);
  const shown = draft !== null && (draftValue === undefined || draftValue === value) ? draft : value === null ? '' : String(value / scale);

  return (
    <div className="grid gap-1.5">
      <label htmlFor={id} className={fieldLabel}>
        {label}
      </label>
      <div className="flex items-center gap-1">
        <input
          id={id}
          type="number"
          inputMode={integer ? 'numeric' : 'decimal'}
          min={min}
          max={max}
          step={step}
          value={shown}
          placeholder={placeholder}
          aria-invalid={parse(shown) === undefined}
          onFocus={() => setDraft(shown)}
          onChange={(event) => {
            setDraft(event.target.value);
            const next = parse(event.target.value);
            if (next !== undefined && next !== value) onChange(next);
          }}
          onBlur={() => {
            setDraft(null);
            flushEdits();
          }}
          className={`${input} tabular-nums`}
        />
        {optional && value !== null && (
          <button type="button" className={button.icon} aria-label={resetLabel ?? `Reset ${label}`} title={resetLabel ?? 'Reset'} onClick={() => onChange(null)}>
            <ResetIcon />
          </button>
        )}
      </div>
    </div>
  );
}
