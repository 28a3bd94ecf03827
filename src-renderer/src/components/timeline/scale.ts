/** How wide a millisecond is on the timeline: a second is 80 px, so a ten-frame story of seconds fits a laptop. */
export const PX_PER_MS = 0.08;

/** The narrowest a frame is drawn (its shot number still readable, its edge still grabbable): shorter shots read as this. */
export const MIN_FRAME_PX = 28;

/** A frame's width on the timeline: its duration, never narrower than MIN_FRAME_PX. */
export const frameWidth = (durationMs: number) => Math.max(durationMs * PX_PER_MS, MIN_FRAME_PX);

/** A mark along the timeline, in pixels from its left end. */
export interface RulerMark {
  x: number;
  ms: number;
}

/**
 * Every `everyMs` of running time, placed along the blocks as drawn: inside a block, time runs linearly across its
 * drawn width, so a short shot drawn wider than its time stretches its part of the ruler rather than misleading it.
 */
export function rulerMarks(durations: readonly number[], everyMs = 1000): RulerMark[] {
  const marks: RulerMark[] = [];
  let start = 0;
  let x = 0;
  for (const duration of durations) {
    const width = frameWidth(duration);
    for (let ms = Math.ceil(start / everyMs) * everyMs; ms < start + duration; ms += everyMs) {
      if (ms > 0) marks.push({ x: x + ((ms - start) / duration) * width, ms });
    }
    start += duration;
    x += width;
  }
  return marks;
}

/** Where each block starts, in pixels from the timeline's left end. */
export function blockStarts(durations: readonly number[]): number[] {
  let x = 0;
  return durations.map((duration) => {
    const at = x;
    x += frameWidth(duration);
    return at;
  });
}
