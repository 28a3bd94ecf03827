/** A card's picture on the screen (getBoundingClientRect's x, y, width, height). */
export interface CardBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * ↑ and ↓: the card in the row above or below `fromId` (scene headings between rows do not matter) whose centre is
 * nearest horizontally, as on a paper board; null at the top or bottom row.
 */
export function verticalNeighbour(cards: readonly CardBox[], fromId: string, key: string): string | null {
  const from = cards.find((c) => c.id === fromId);
  if (!from || (key !== 'ArrowUp' && key !== 'ArrowDown')) return null;
  const middle = from.y + from.height / 2;
  const candidates = cards.filter((c) => (key === 'ArrowDown' ? c.y > middle : c.y + c.height < middle));
  if (candidates.length === 0) return null;
  const rowTop = key === 'ArrowDown' ? Math.min(...candidates.map((c) => c.y)) : Math.max(...candidates.map((c) => c.y));
  const row = candidates.filter((c) => Math.abs(c.y - rowTop) < from.height / 2);
  const centre = (c: CardBox) => c.x + c.width / 2;
  return row.reduce((best, c) => (Math.abs(centre(c) - centre(from)) < Math.abs(centre(best) - centre(from)) ? c : best)).id;
}

/**
 * Moving the selection across the board from the keyboard, in story order: ← and → to the neighbouring frame,
 * Home and End to the first and last. Returns the frame index to select, or null when the key does not move it.
 */
export function boardStep(key: string, index: number, count: number): number | null {
  if (count === 0 || index < 0) return null;
  const target = key === 'ArrowLeft' ? index - 1 : key === 'ArrowRight' ? index + 1 : key === 'Home' ? 0 : key === 'End' ? count - 1 : null;
  return target === null || target < 0 || target >= count || target === index ? null : target;
}

/** The frame the selection goes to once the one at `index` is deleted: the next one, or the previous one at the end. */
export function selectionAfterDelete<F>(frames: readonly F[], index: number): F | undefined {
  return frames[index + 1] ?? frames[index - 1];
}
