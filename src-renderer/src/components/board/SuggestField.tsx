import { useId } from 'react';
import { useActions } from '../../state/context.ts';
import { fieldLabel, input } from '../ui.ts';

interface SuggestFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  maxLength: number;
  /** offered in the field's list; anything else may be typed too */
  suggestions: readonly string[];
  placeholder?: string;
}

/** A short text with a list of usual values (shot types, camera moves), free text allowed; autosaves like TextField. */
export function SuggestField({ label, value, onChange, maxLength, suggestions, placeholder }: SuggestFieldProps) {
  const { flushEdits } = useActions();
  const id = useId();
  return (
    <div className="grid gap-1.5">
      <label htmlFor={id} className={fieldLabel}>
        {label}
      </label>
      <input
        id={id}
        list={`${id}-list`}
        value={value}
        maxLength={maxLength}
        placeholder={placeholder}
        autoComplete="off"
        className={input}
        onChange={(event) => onChange(event.target.value)}
        onBlur={flushEdits}
      />
      <datalist id={`${id}-list`}>
        {suggestions.map((suggestion) => (
          <option key={suggestion} value={suggestion} />
        ))}
      </datalist>
    </div>
  );
}
