/** How wide a millisecond is on the timeline: a second is 80 px, so a ten-frame story of seconds fits a laptop. */
export const PX_PER_MS = 0.08;
