import { memo, useState } from 'react';
import type { Frame } from '../../../../src-shared/domain/index.ts';
import { useApp } from '../../state/context.ts';
import { frameLook, shotLabel } from '../player/frame-look.ts';
import { spokenTime } from '../player/timing.ts';
import { DurationHandle } from './DurationHandle.tsx';
import { frameWidth } from './scale.ts';

const LOOK_STYLE = {
  ready: 'border-stone-300 dark:border-stone-700',
  stale: 'border-amber-500 dark:border-amber-400',
  missing: 'border-dashed border-stone-400 dark:border-stone-600',
};

/** A frame's block: its thumbnail and shot number, as wide as it lasts, ringed while selected, with its right edge to drag. */
export const TimelineFrame = memo(function TimelineFrame({ frame, onSelect }: { frame: Frame; onSelect(frameId: string): void }) {
  const imageUrl = useApp((s) => s.imageUrl);
  const stale = useApp((s) => s.framePlans[frame.id]?.stale ?? false);
  const selected = useApp((s) => s.selectedFrameId === frame.id);
  // The duration being dragged, shown before it is saved on release.
  const [draft, setDraft] = useState<number | null>(null);
  const duration = draft ?? frame.durationMs;
  const look = frameLook(frame, stale);
  const label = shotLabel(frame);

  return (
    <li className="relative shrink-0 pr-0.5" style={{ width: frameWidth(duration) }} data-testid="timeline-frame" data-frame-id={frame.id}>
      <button
        type="button"
        onClick={() => onSelect(frame.id)}
        aria-current={selected || undefined}
        aria-label={`${label}, ${spokenTime(duration)}${look === 'ready' ? '' : look === 'stale' ? ', stale' : ', not generated'}`}
        title={`${label} · ${spokenTime(duration)}`}
        className={`relative block h-14 w-full overflow-hidden rounded-md border-2 bg-stone-200 text-left focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-teal-600 aria-[current=true]:ring-2 aria-[current=true]:ring-teal-600 dark:bg-stone-800 ${LOOK_STYLE[look]}`}
      >
        {frame.currentRenderId && <img src={imageUrl(frame.currentRenderId, 'thumb')} alt="" loading="lazy" className="absolute inset-0 size-full object-cover" />}
        <span className="absolute top-0.5 left-0.5 rounded bg-black/60 px-1 text-[11px] leading-4 font-medium text-white tabular-nums">{frame.shotNumber}</span>
      </button>
      <DurationHandle frame={frame} duration={duration} onDraft={setDraft} />
    </li>
  );
});
