import type { KeyboardEvent } from 'react';
import type { Frame } from '../../../../src-shared/domain/index.ts';
import { useActions, useApp } from '../../state/context.ts';
import { focusFrameCard } from '../frame-dom.ts';
import { boardStep, selectionAfterDelete, verticalNeighbour, type CardBox } from './board-keys.ts';

/** Where each card's picture is on the screen, for ↑ / ↓. */
function cardBoxes(board: Element): CardBox[] {
  return [...board.querySelectorAll<HTMLElement>('[data-frame-select]')].map((element) => {
    const { x, y, width, height } = element.getBoundingClientRect();
    return { id: element.dataset.frameSelect!, x, y, width, height };
  });
}

/**
 * The board's keys on a card's picture: ← / → / Home / End select the neighbouring (first, last) frame, ↑ / ↓ the
 * one above or below on the screen, focus moving with the selection; Enter opens the selected frame large; Delete or
 * Backspace deletes the selected frame (undo brings it back), the next frame taking the selection.
 */
export function useBoardKeys(frames: readonly Frame[]) {
  const selectedId = useApp((s) => s.selectedFrameId);
  const { selectFrame, openViewer, deleteFrame } = useActions();
  const go = (id: string) => {
    selectFrame(id);
    focusFrameCard(id);
  };
  return (event: KeyboardEvent) => {
    const frameId = (event.target as HTMLElement).dataset.frameSelect;
    if (!frameId || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const index = frames.findIndex((f) => f.id === frameId);
    const frame = frames[index];
    if (!frame) return;
    if (event.key === 'Enter') {
      // a first Enter selects the frame (the button's own click); on the selected one it opens the viewer
      if (frameId !== selectedId || frame.currentRenderId === null) return;
      event.preventDefault();
      return openViewer(frameId);
    }
    if (event.key === 'Delete' || event.key === 'Backspace') {
      // only the frame the inspector shows, and one per press: a held key must not empty the board
      if (frameId !== selectedId || event.repeat) return;
      event.preventDefault();
      const neighbour = selectionAfterDelete(frames, index);
      deleteFrame(frameId);
      if (neighbour) return go(neighbour.id);
      // the board is empty: focus goes where the next frame comes from, not to the page
      selectFrame(null);
      document.querySelector<HTMLElement>('[data-add-frame]')?.focus();
      return;
    }
    const step = boardStep(event.key, index, frames.length);
    const vertical = event.key === 'ArrowUp' || event.key === 'ArrowDown';
    const next = step !== null ? frames[step].id : vertical ? verticalNeighbour(cardBoxes(event.currentTarget), frameId, event.key) : null;
    if (next === null) return;
    event.preventDefault();
    go(next);
  };
}
