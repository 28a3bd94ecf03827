import type { Announcements, ScreenReaderInstructions, UniqueIdentifier } from '@dnd-kit/core';

/** Screen reader messages for dragging frames, in positions people see rather than internal ids. */
export function frameAnnouncements(frameIds: readonly string[]): Announcements {
  const place = (id: UniqueIdentifier) => frameIds.indexOf(String(id)) + 1;
  return {
    onDragStart: ({ active }) => `Picked up frame ${place(active.id)}.`,
    onDragOver: ({ active, over }) =>
      over ? `Frame ${place(active.id)} is over position ${place(over.id)}.` : `Frame ${place(active.id)} is no longer over a position.`,
    onDragEnd: ({ active, over }) =>
      over ? `Frame ${place(active.id)} was moved to position ${place(over.id)}.` : `Frame ${place(active.id)} was dropped.`,
    onDragCancel: ({ active }) => `Moving frame ${place(active.id)} was cancelled.`,
  };
}

export const frameDragInstructions: ScreenReaderInstructions = {
  draggable:
    'To move a frame, press space or enter on its handle. Use the up and down arrow keys to move it, then space or enter to drop it, or escape to cancel.',
};
