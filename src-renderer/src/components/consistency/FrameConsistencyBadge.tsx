import { useApp } from '../../state/context.ts';
import { BADGE_TONES } from '../Badge.tsx';
import { frameDescription, similarity } from './consistency-text.ts';

/** A frame's identity score beside its status; the drifting frame in warning colours. Focusable, so the numbers show by keyboard too. */
export function FrameConsistencyBadge({ frameId, number }: { frameId: string; number: number }) {
  const scores = useApp((s) => s.storyScores?.frames.find((f) => f.frameId === frameId) ?? null);
  if (!scores || scores.clipI === null) return null;
  const description = frameDescription(scores, number);
  return (
    <span
      tabIndex={0}
      role="img"
      aria-label={description}
      title={description}
      data-testid="frame-consistency"
      className={`inline-flex shrink-0 items-center rounded-full px-1.5 py-0.5 text-xs font-medium tabular-nums focus-visible:outline-2 focus-visible:outline-teal-600 ${BADGE_TONES[scores.drifting ? 'warning' : 'neutral']}`}
    >
      {scores.drifting ? 'Drifts ' : 'ID '}
      {similarity(scores.clipI)}
    </span>
  );
}
