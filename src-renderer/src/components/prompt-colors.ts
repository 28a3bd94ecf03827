/** Frames cycle through these so neighbours are told apart; the identity prompt has its own (meter bars and highlighted text). */
const FRAME_COLORS = [
  { bar: 'bg-sky-500', text: 'bg-sky-500/20' },
  { bar: 'bg-violet-500', text: 'bg-violet-500/20' },
  { bar: 'bg-amber-500', text: 'bg-amber-500/25' },
  { bar: 'bg-rose-500', text: 'bg-rose-500/20' },
  { bar: 'bg-lime-600', text: 'bg-lime-600/25' },
  { bar: 'bg-indigo-400', text: 'bg-indigo-400/25' },
];
export const IDENTITY_COLOR = { bar: 'bg-teal-600', text: 'bg-teal-600/20' };

/** The colour of frame `number` (1-based). */
export function frameColor(number: number): { bar: string; text: string } {
  return FRAME_COLORS[(Math.max(number, 1) - 1) % FRAME_COLORS.length];
}
