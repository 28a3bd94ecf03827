import { useId } from 'react';
import { useActions } from '../state/context.ts';
import { fieldLabel, input } from './ui.ts';

interface TextFieldProps {
  label: string;
  id?: string;
  value: string;
  onChange(value: string): void;
  maxLength: number;
  /** more than one row makes it a resizable text area */
  rows?: number;
  placeholder?: string;
  hint?: string;
  /** marks the field (and its hint) as needing a change */
  invalid?: boolean;
}

/** A labelled text that autosaves: every keystroke goes to the store, leaving the field sends it at once. */
export function TextField({ label, id, value, onChange, maxLength, rows = 1, placeholder, hint, invalid = false }: TextFieldProps) {
  const { flushEdits } = useActions();
  const fallbackId = useId();
  const fieldId = id ?? fallbackId;
  const hintId = `${fieldId}-hint`;
  const common = {
    id: fieldId,
    value,
    maxLength,
    placeholder,
    'aria-describedby': hint ? hintId : undefined,
    'aria-invalid': invalid || undefined,
    onBlur: flushEdits,
  };
  return (
    <div className="grid gap-1.5">
      <label htmlFor={fieldId} className={fieldLabel}>
        {label}
      </label>
      {rows > 1 ? (
        // grows with its text (up to a limit, then scrolls), so nothing written is hidden behind the box's edge
        <textarea {...common} rows={rows} className={`${input} max-h-72 resize-y [field-sizing:content]`} style={{ minHeight: `calc(${rows} * 1.25rem + 1rem + 2px)` }} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...common} className={input} onChange={(event) => onChange(event.target.value)} />
      )}
      {hint && (
        <p id={hintId} className={`text-xs ${invalid ? 'font-medium text-red-700 dark:text-red-400' : 'text-stone-500 dark:text-stone-400'}`}>
          {hint}
        </p>
      )}
    </div>
  );
}
