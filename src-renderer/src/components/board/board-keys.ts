/**
 * Moving the selection across the board from the keyboard, in story order: ← and → to the neighbouring frame,
 * Home and End to the first and last. Returns the frame index to select, or null when the key does not move it.
 */
export function boardStep(key: string, index: number, count: number): number | null {
  if (count === 0 || index < 0) return null;
  const target = key === 'ArrowLeft' ? index - 1 : key === 'ArrowRight' ? index + 1 : key === 'Home' ? 0 : key === 'End' ? count - 1 : null;
  return target === null || target < 0 || target >= count || target === index ? null : target;
}
