import { useMemo } from 'react';
import type { Frame, Scene } from '../../../../src-shared/domain/index.ts';
import { startsScene } from '../../../../src-shared/domain/board-text.ts';
import { formatTime } from '../player/timing.ts';
import { blockStarts, rulerMarks } from './scale.ts';

/**
 * Above the blocks: where each scene starts (its heading, as far as the next scene) and the running time every
 * second. Read from the blocks themselves (each labelled with its length), so hidden from screen readers.
 */
export function TimelineRuler({ frames, scenes, width }: { frames: readonly Frame[]; scenes: readonly Scene[]; width: number }) {
  const durations = useMemo(() => frames.map((f) => f.durationMs), [frames]);
  const marks = useMemo(() => rulerMarks(durations), [durations]);
  const sceneStarts = useMemo(() => {
    const starts = blockStarts(durations);
    const headings = new Map(scenes.map((s) => [s.id, s.heading]));
    return frames.flatMap((frame, i) => (startsScene(frame, frames[i - 1]) ? [{ x: starts[i], heading: headings.get(frame.sceneId!) ?? '' }] : []));
  }, [frames, scenes, durations]);
  return (
    <div aria-hidden="true" className="grid text-[10px] leading-4 text-stone-500 tabular-nums select-none dark:text-stone-400" style={{ width }}>
      {sceneStarts.length > 0 && (
        <div className="relative h-4" data-testid="timeline-scenes">
          {sceneStarts.map((scene, i) => (
            <span
              key={scene.x}
              className="absolute top-0 truncate border-l-2 border-teal-600 pl-1 font-medium text-stone-700 dark:text-stone-200"
              style={{ left: scene.x, width: (sceneStarts[i + 1]?.x ?? width) - scene.x }}
            >
              {scene.heading}
            </span>
          ))}
        </div>
      )}
      <div className="relative h-4" data-testid="timeline-ruler">
        {marks.map((mark) => (
          <span key={mark.ms} className="absolute top-0 h-full border-l border-stone-300 pl-0.5 dark:border-stone-700" style={{ left: mark.x }}>
            {formatTime(mark.ms).replace(/\.0$/, '')}
          </span>
        ))}
      </div>
    </div>
  );
}
