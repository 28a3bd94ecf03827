/** How wide a millisecond is on the timeline: a second is 80 px, so a ten-frame story of seconds fits a laptop. */
export const PX_PER_MS = 0.08;

/** The narrowest a frame is drawn (its shot number still readable, its edge still grabbable): shorter shots read as this. */
export const MIN_FRAME_PX = 28;

/** A frame's width on the timeline: its duration, never narrower than MIN_FRAME_PX. */
export const frameWidth = (durationMs: number) => Math.max(durationMs * PX_PER_MS, MIN_FRAME_PX);
