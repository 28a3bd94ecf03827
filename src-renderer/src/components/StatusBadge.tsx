import type { FrameStatus } from '../state/jobs.ts';
import { useApp } from '../state/context.ts';
import { selectFrameError, selectFrameFraction } from '../state/selectors.ts';
import { BADGE_TONES, type BadgeTone } from './Badge.tsx';

const STYLES: Record<FrameStatus, { label: string; tone: BadgeTone }> = {
  empty: { label: 'Empty', tone: 'neutral' },
  queued: { label: 'Queued', tone: 'pending' },
  generating: { label: 'Generating', tone: 'accent' },
  done: { label: 'Done', tone: 'good' },
  stale: { label: 'Stale', tone: 'warning' },
  failed: { label: 'Failed', tone: 'danger' },
};

const TITLES: Partial<Record<FrameStatus, string>> = {
  stale: 'Generating this frame now would make another picture: the card says what changed',
  queued: 'Waiting for the engine',
};

export function StatusBadge({ frameId, status }: { frameId: string; status: FrameStatus }) {
  const fraction = useApp((s) => selectFrameFraction(s, frameId));
  const error = useApp((s) => selectFrameError(s, frameId));
  const { label, tone } = STYLES[status];
  return (
    <span data-status={status} title={error ?? TITLES[status]} className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium tabular-nums ${BADGE_TONES[tone]}`}>
      {status === 'generating' && <span className="size-1.5 animate-pulse rounded-full bg-current" aria-hidden="true" />}
      {label}
      {status === 'generating' && ` ${Math.round(fraction * 100)}%`}
    </span>
  );
}
