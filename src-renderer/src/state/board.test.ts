import { describe, expect, it } from 'vitest';
import { createBoard, savedBoardZoom, saveBoardZoom, type BoardState } from './board.ts';

function board(initial: Partial<BoardState> = {}) {
  let state: BoardState = { selectedFrameId: null, boardZoom: 'medium', ...initial };
  const actions = createBoard((partial) => (state = { ...state, ...partial }), () => state);
  return { actions, zoom: () => state.boardZoom };
}

describe('board zoom', () => {
  it('steps through small, medium and large, stopping at the ends; 0 goes back to medium', () => {
    const { actions, zoom } = board();
    actions.stepBoardZoom(1);
    expect(zoom()).toBe('large');
    actions.stepBoardZoom(1);
    expect(zoom()).toBe('large');
    actions.stepBoardZoom(-1);
    actions.stepBoardZoom(-1);
    actions.stepBoardZoom(-1);
    expect(zoom()).toBe('small');
    actions.stepBoardZoom(0);
    expect(zoom()).toBe('medium');
  });

  it('reads back the saved zoom, and medium for anything else', () => {
    const items = new Map<string, string>();
    const storage = { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
    expect(savedBoardZoom(storage)).toBe('medium');
    saveBoardZoom(storage, 'small');
    expect(savedBoardZoom(storage)).toBe('small');
    items.set('onestory.boardZoom', 'huge');
    expect(savedBoardZoom(storage)).toBe('medium');
  });
});
