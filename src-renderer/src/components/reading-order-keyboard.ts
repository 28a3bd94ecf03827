import type { KeyboardCoordinateGetter } from '@dnd-kit/core';
import { hasSortableData } from '@dnd-kit/sortable';

const STEPS: Record<string, number> = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };

/**
 * Keyboard dragging in story order, whatever the layout: down or right moves a frame one place later,
 * up or left one place earlier. dnd-kit's default moves by screen position, which in a grid jumps a
 * whole row.
 */
export const readingOrderCoordinates: KeyboardCoordinateGetter = (event, { context: { active, over, droppableContainers, droppableRects } }) => {
  const step = STEPS[event.code];
  if (step === undefined || !active) return undefined;
  event.preventDefault();
  const current = droppableContainers.get(over?.id ?? active.id);
  if (!current || !hasSortableData(current)) return undefined;
  const targetIndex = current.data.current.sortable.index + step;
  const target = droppableContainers.getEnabled().find((c) => hasSortableData(c) && c.data.current.sortable.index === targetIndex);
  const rect = target && droppableRects.get(target.id);
  return rect ? { x: rect.left, y: rect.top } : undefined;
};
