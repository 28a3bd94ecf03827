import { useMemo } from 'react';
import { useApp } from '../../state/context.ts';
import { selectFrames } from '../../state/selectors.ts';
import { formatTime, timingOf } from '../player/timing.ts';
import { card, hint, sectionHeading } from '../ui.ts';
import { useHeightVariable } from '../use-height-variable.ts';
import { Timeline } from './Timeline.tsx';
import type { Scene } from '../../../../src-shared/domain/index.ts';

const NO_SCENES: Scene[] = [];

/** The story's frames as blocks as long as they last, kept in view at the bottom of the window like an editor's timeline. */
export function StoryTimeline() {
  const frames = useApp(selectFrames);
  const scenes = useApp((s) => s.story?.scenes ?? NO_SCENES);
  const ref = useHeightVariable<HTMLElement>('--timeline-h');
  const total = useMemo(() => timingOf(frames.map((f) => f.durationMs)).total, [frames]);
  if (frames.length === 0) return null;
  return (
    <section ref={ref} aria-labelledby="timeline-heading" className="sticky bottom-0 z-15 -mx-1 bg-stone-50 px-1 pt-1 pb-2 dark:bg-stone-950">
      <div className={`${card} grid gap-1.5 px-3 py-2`}>
        <header className="flex items-baseline justify-between gap-3">
          <h2 id="timeline-heading" className={sectionHeading}>
            Timeline
          </h2>
          <p className={`${hint} min-w-0 flex-1 truncate`}>Drag a frame’s right edge, or focus it and press ← / →, to change how long it lasts.</p>
          <p className="text-xs font-medium text-stone-700 tabular-nums dark:text-stone-300" data-testid="running-time">
            Running time {formatTime(total)}
          </p>
        </header>
        <Timeline frames={frames} scenes={scenes} />
      </div>
    </section>
  );
}
