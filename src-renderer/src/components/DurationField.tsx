import { useState } from 'react';
import { useActions } from '../state/context.ts';
import { fieldLabel, input } from './ui.ts';

const MAX_MS = 600_000;

/** Milliseconds for a seconds text, or null when it is not a duration the story accepts. */
function parseSeconds(text: string): number | null {
  const ms = Math.round(Number(text) * 1000);
  return text.trim() !== '' && ms >= 1 && ms <= MAX_MS ? ms : null;
}

interface DurationFieldProps {
  durationMs: number;
  onChange(durationMs: number): void;
}

/** Seconds on screen, milliseconds in the story; while typing, only valid values are saved. */
export function DurationField({ durationMs, onChange }: DurationFieldProps) {
  const { flushEdits } = useActions();
  // The raw text while the field has focus, so "1." or an empty field can be typed through.
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? String(durationMs / 1000);

  return (
    <label className="grid gap-1.5">
      <span className={fieldLabel}>Duration (s)</span>
      <input
        type="number"
        inputMode="decimal"
        min={0.1}
        max={MAX_MS / 1000}
        step={0.1}
        value={shown}
        aria-invalid={parseSeconds(shown) === null}
        onFocus={() => setDraft(shown)}
        onChange={(event) => {
          setDraft(event.target.value);
          const ms = parseSeconds(event.target.value);
          if (ms !== null && ms !== durationMs) onChange(ms);
        }}
        onBlur={() => {
          setDraft(null);
          flushEdits();
        }}
        className={`${input} tabular-nums`}
      />
    </label>
  );
}
