import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import type { Frame } from '../../../../src-shared/domain/index.ts';
import { sliderSteps } from '../../keyboard/slider-keys.ts';
import { useActions } from '../../state/context.ts';
import { DURATION_STEP_MS, MAX_DURATION_MS, MIN_DURATION_MS, snapDuration, spokenTime } from '../player/timing.ts';
import { PX_PER_MS } from './scale.ts';

interface Props {
  frame: Frame;
  /** what the block shows now, the draft while dragging */
  duration: number;
  onDraft(duration: number | null): void;
}

/**
 * A block's right edge: a slider over the frame's duration. Dragging previews the new length and saves it once on
 * release, so one drag is one undo step; ←/→ change it by 100 ms (Shift, Page Up/Down: a second).
 */
export function DurationHandle({ frame, duration, onDraft }: Props) {
  const { editFrame } = useActions();
  const drag = useRef<{ x: number; from: number; to: number } | null>(null);

  const save = (next: number) => {
    if (next !== frame.durationMs) editFrame(frame.id, { durationMs: next });
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    event.currentTarget.focus();
    drag.current = { x: event.clientX, from: frame.durationMs, to: frame.durationMs };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    drag.current.to = snapDuration(drag.current.from + (event.clientX - drag.current.x) / PX_PER_MS);
    onDraft(drag.current.to);
  };
  const end = (commit: boolean) => {
    if (commit && drag.current) save(drag.current.to);
    drag.current = null;
    onDraft(null);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const steps = sliderSteps(event);
    if (steps === 0) return;
    event.preventDefault();
    save(snapDuration(frame.durationMs + steps * DURATION_STEP_MS));
  };

  return (
    <div
      role="slider"
      tabIndex={0}
      aria-label={`Duration of shot ${frame.shotNumber}`}
      aria-valuemin={MIN_DURATION_MS}
      aria-valuemax={MAX_DURATION_MS}
      aria-valuenow={duration}
      aria-valuetext={spokenTime(duration)}
      title={`${spokenTime(duration)}: drag or use ← / →`}
      data-testid="duration-handle"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => end(true)}
      onPointerCancel={() => end(false)}
      onKeyDown={onKeyDown}
      className="group absolute inset-y-0 -right-1 z-10 flex w-3 cursor-ew-resize touch-none justify-center focus-visible:outline-none"
    >
      <span className="my-1 w-1 rounded-full bg-stone-400 group-hover:bg-teal-600 group-focus-visible:bg-teal-600 group-focus-visible:ring-2 group-focus-visible:ring-teal-600/40 dark:bg-stone-500" />
    </div>
  );
}
