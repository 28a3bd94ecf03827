// Where each frame of an animatic starts and which frame a moment falls in. Times are whole milliseconds from the
// start of the story; a frame holds [start, start + duration).

export interface Timing {
  /** each frame's start, in story order */
  starts: readonly number[];
  durations: readonly number[];
  /** the running time of the whole story */
  total: number;
}

/** The shortest a frame may last on the timeline, and the step a drag or an arrow key changes it by. */
export const DURATION_STEP_MS = 100;
export const MIN_DURATION_MS = 100;
/** frames.update's limit */
export const MAX_DURATION_MS = 600_000;

export function timingOf(durations: readonly number[]): Timing {
  const starts: number[] = [];
  let total = 0;
  for (const duration of durations) {
    starts.push(total);
    total += duration;
  }
  return { starts, durations, total };
}

/** A moment kept inside the story: 0 … total. */
export function clampTime(timing: Timing, ms: number): number {
  return Math.min(Math.max(0, ms), timing.total);
}

/** The frame shown at `ms`: the one whose span holds it; the last one at (or past) the end; -1 for an empty story. */
export function frameAt(timing: Timing, ms: number): number {
  const { starts } = timing;
  if (starts.length === 0) return -1;
  // Binary search for the last start ≤ ms, so a 200-frame story costs a handful of steps per animation frame.
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= ms) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Where a playback clock that started at `from` stands `elapsed` ms later: wrapped when looping, else held at the end. */
export function advance(timing: Timing, from: number, elapsed: number, loop: boolean): { ms: number; ended: boolean } {
  const ms = from + elapsed;
  if (ms < timing.total) return { ms, ended: false };
  if (loop && timing.total > 0) return { ms: ms % timing.total, ended: false };
  return { ms: timing.total, ended: true };
}

/** A dragged or typed duration on the timeline: whole steps of 100 ms, within what a frame may last. */
export function snapDuration(ms: number): number {
  const snapped = Math.round(ms / DURATION_STEP_MS) * DURATION_STEP_MS;
  return Math.min(Math.max(snapped, MIN_DURATION_MS), MAX_DURATION_MS);
}

/** "0:04.7" (or "1:02:05.0" past an hour): the player's clock and the timeline's totals. */
export function formatTime(ms: number): string {
  const tenths = Math.floor(Math.max(0, ms) / 100);
  const seconds = Math.floor(tenths / 10);
  const s = String(seconds % 60).padStart(2, '0');
  const m = Math.floor(seconds / 60) % 60;
  const h = Math.floor(seconds / 3600);
  const clock = h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
  return `${clock}.${tenths % 10}`;
}

/** "1.4 seconds": what a screen reader says of a time. */
export function spokenTime(ms: number): string {
  const seconds = Math.round(ms / 100) / 10;
  return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
}
