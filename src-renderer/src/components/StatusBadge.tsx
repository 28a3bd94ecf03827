import type { FrameStatus } from '../state/jobs.ts';
import { useApp } from '../state/context.ts';
import { selectFrameError, selectFrameFraction } from '../state/selectors.ts';

const STYLES: Record<FrameStatus, { label: string; className: string }> = {
  empty: { label: 'Empty', className: 'bg-stone-100 text-stone-500 dark:bg-stone-800 dark:text-stone-400' },
  queued: { label: 'Queued', className: 'bg-amber-50 text-amber-800 ring-1 ring-amber-200 ring-inset dark:bg-amber-950/50 dark:text-amber-300 dark:ring-amber-900' },
  generating: { label: 'Generating', className: 'bg-teal-50 text-teal-800 dark:bg-teal-950/60 dark:text-teal-300' },
  done: { label: 'Done', className: 'bg-emerald-50 text-emerald-800 dark:bg-emerald-950/50 dark:text-emerald-300' },
  stale: { label: 'Stale', className: 'bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-200' },
  failed: { label: 'Failed', className: 'bg-red-50 text-red-800 dark:bg-red-950/60 dark:text-red-300' },
};

const TITLES: Partial<Record<FrameStatus, string>> = {
  stale: 'Made from an earlier version of the story (prompts, order or model changed)',
  queued: 'Waiting for the engine',
};

export function StatusBadge({ frameId, status }: { frameId: string; status: FrameStatus }) {
  const fraction = useApp((s) => selectFrameFraction(s, frameId));
  const error = useApp((s) => selectFrameError(s, frameId));
  const { label, className } = STYLES[status];
  return (
    <span data-status={status} title={error ?? TITLES[status]} className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium tabular-nums ${className}`}>
      {status === 'generating' && <span className="size-1.5 animate-pulse rounded-full bg-current" aria-hidden="true" />}
      {label}
      {status === 'generating' && ` ${Math.round(fraction * 100)}%`}
    </span>
  );
}
