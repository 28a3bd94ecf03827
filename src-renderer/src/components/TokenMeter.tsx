import { useState } from 'react';
import type { StoryState } from '../../../src-shared/domain/index.ts';
import { meterReading } from '../state/token-reading.ts';
import { formatFrameRanges } from '../format.ts';
import { useApp } from '../state/context.ts';
import { frameColor, IDENTITY_COLOR } from './prompt-colors.ts';
import { fieldLabel, hint } from './ui.ts';
import { useFrameNumbers } from './use-frame-numbers.ts';


interface Segment {
  key: string;
  label: string;
  tokens: number;
  color: string;
}

/**
 * How much of the 75 content tokens the consolidated prompt uses: identity first, then each frame.
 * A long story is split into one window per frame; the fullest window is drawn, the rest listed.
 */
export function TokenMeter() {
  const state = useApp((s) => s.storyState);
  const numbers = useFrameNumbers();
  if (!state) return null;

  const tokensOf = new Map(state.frames.map((f) => [f.frameId, f.tokens]));
  const segmentsOf = (frameIds: readonly string[]): Segment[] => [
    { key: 'identity', label: 'Identity', tokens: state.identityTokens, color: IDENTITY_COLOR.bar },
    ...frameIds.map((id) => {
      const number = numbers.get(id) ?? 0;
      return { key: id, label: `Frame ${number}`, tokens: tokensOf.get(id) ?? 0, color: frameColor(number).bar };
    }),
  ];
  const { frameIds, used, label } = meterReading(state, numbers);
  const segments = segmentsOf(frameIds);
  const over = used > state.capacity;

  return (
    <div role="group" aria-label="Token budget" className="grid gap-2">
      <div className="flex items-baseline justify-between gap-2">
        <span className={fieldLabel}>{label}</span>
        <span data-testid="token-count" className={`text-xs font-semibold tabular-nums ${over ? 'text-red-700 dark:text-red-400' : 'text-stone-700 dark:text-stone-200'}`}>
          {used} / {state.capacity}
        </span>
      </div>
      <TokenBar segments={segments} capacity={state.capacity} />
      {state.prompts.length > 1 && <WindowList state={state} numbers={numbers} segmentsOf={segmentsOf} />}
      {state.errors.length > 0 && (
        <ul role="alert" className="grid gap-1 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-xs text-red-800 dark:border-red-900 dark:bg-red-950/60 dark:text-red-200">
          {state.errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      )}
      {state.warnings.length > 0 && (
        <ul className="grid gap-1 text-xs text-amber-800 dark:text-amber-300">
          {state.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function TokenBar({ segments, capacity }: { segments: Segment[]; capacity: number }) {
  const total = segments.reduce((sum, s) => sum + s.tokens, 0);
  const scale = Math.max(capacity, total);
  return (
    <div className="relative flex h-3 overflow-hidden rounded-full bg-stone-200 dark:bg-stone-800" aria-hidden="true">
      {segments.map((s) => (
        <span
          key={s.key}
          title={`${s.label}: ${s.tokens} tokens`}
          className={`${s.color} h-full border-r border-white/80 last:border-r-0 dark:border-stone-900`}
          style={{ width: `${(s.tokens / scale) * 100}%` }}
        />
      ))}
      {total > capacity && (
        // Everything right of this line does not fit.
        <span className="absolute inset-y-0 w-0.5 bg-red-600" style={{ left: `${(capacity / scale) * 100}%` }} />
      )}
    </div>
  );
}

interface WindowListProps {
  state: StoryState;
  numbers: Map<string, number>;
  segmentsOf(frameIds: readonly string[]): Segment[];
}

/** One line per window; built only when opened, since a long story has one window per frame. */
function WindowList({ state, numbers, segmentsOf }: WindowListProps) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(event) => setOpen(event.currentTarget.open)} className="text-xs">
      <summary className={`${hint} cursor-pointer select-none`}>
        {state.prompts.length} windows: each frame is generated with the frames after it that fit
      </summary>
      {open && (
        <ol className="mt-2 grid max-h-64 gap-2 overflow-y-auto pr-1">
          {state.prompts.map((prompt, i) => (
            <li key={i} className="grid gap-1">
              <span className="flex justify-between tabular-nums text-stone-600 dark:text-stone-400">
                <span>Frames {formatFrameRanges(prompt.frameIds.map((id) => numbers.get(id) ?? 0))}</span>
                <span>
                  {prompt.tokens} / {state.capacity}
                </span>
              </span>
              <TokenBar segments={segmentsOf(prompt.frameIds)} capacity={state.capacity} />
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
