import { useId } from 'react';
import { useActions } from '../state/context.ts';
import { ResetIcon } from './icons.tsx';
import { button, fieldLabel, hint } from './ui.ts';

interface SliderFieldProps {
  label: string;
  value: number;
  defaultValue: number;
  min: number;
  max: number;
  step: number;
  description?: string;
  onChange(value: number): void;
}

/** A range with its value, its default and a reset; arrow keys step it like any native slider. */
export function SliderField({ label, value, defaultValue, min, max, step, description, onChange }: SliderFieldProps) {
  const { flushEdits } = useActions();
  const id = useId();
  const decimals = (String(step).split('.')[1] ?? '').length;
  const format = (n: number) => n.toFixed(decimals);

  return (
    <div className="grid gap-1">
      <div className="flex items-baseline justify-between gap-2">
        <label htmlFor={id} className={fieldLabel}>
          {label}
        </label>
        <output htmlFor={id} className="text-xs font-semibold text-stone-800 tabular-nums dark:text-stone-100">
          {format(value)}
        </output>
      </div>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        title={description}
        onChange={(event) => onChange(Number(event.target.value))}
        onPointerUp={flushEdits}
        onBlur={flushEdits}
        className="w-full accent-teal-700 dark:accent-teal-500"
      />
      <div className={`flex items-center justify-between ${hint}`}>
        <span className="tabular-nums">
          {format(min)} – {format(max)} · default {format(defaultValue)}
        </span>
        <button
          type="button"
          className={`${button.small} -my-1`}
          disabled={value === defaultValue}
          aria-label={`Reset ${label} to ${format(defaultValue)}`}
          title={`Reset to ${format(defaultValue)}`}
          onClick={() => onChange(defaultValue)}
        >
          <ResetIcon />
          Reset
        </button>
      </div>
    </div>
  );
}
