import { describe, expect, it } from 'vitest';
import { boardStep, verticalNeighbour, type CardBox } from './board-keys.ts';

describe('moving across the board by keyboard', () => {
  it('steps to the neighbouring frame with ← and →, and stays put at the ends', () => {
    expect(boardStep('ArrowRight', 0, 3)).toBe(1);
    expect(boardStep('ArrowLeft', 2, 3)).toBe(1);
    expect(boardStep('ArrowLeft', 0, 3)).toBeNull();
    expect(boardStep('ArrowRight', 2, 3)).toBeNull();
  });

  it('goes to the first and last frame with Home and End', () => {
    expect(boardStep('Home', 2, 3)).toBe(0);
    expect(boardStep('End', 0, 3)).toBe(2);
    expect(boardStep('End', 2, 3)).toBeNull();
  });

  it('ignores other keys, an empty board and an unknown frame', () => {
    expect(boardStep('ArrowDown', 0, 3)).toBeNull();
    expect(boardStep('ArrowRight', 0, 0)).toBeNull();
    expect(boardStep('ArrowRight', -1, 3)).toBeNull();
  });
});

describe('moving up and down the board by keyboard', () => {
  // three columns, 100 wide; frames 1–3, then a scene heading, then 4–5 (a shorter row), then 6
  const at = (id: string, column: number, top: number): CardBox => ({ id, x: 10 + column * 110, y: top, width: 100, height: 80 });
  const cards = [at('1', 0, 0), at('2', 1, 0), at('3', 2, 0), at('4', 0, 140), at('5', 1, 140), at('6', 0, 230)];

  it('goes to the card above or below, in the same column across a scene heading', () => {
    expect(verticalNeighbour(cards, '2', 'ArrowDown')).toBe('5');
    expect(verticalNeighbour(cards, '5', 'ArrowUp')).toBe('2');
    expect(verticalNeighbour(cards, '4', 'ArrowDown')).toBe('6');
  });

  it('takes the nearest card of a shorter row, and stays put at the top and bottom rows', () => {
    expect(verticalNeighbour(cards, '3', 'ArrowDown')).toBe('5');
    expect(verticalNeighbour(cards, '1', 'ArrowUp')).toBeNull();
    expect(verticalNeighbour(cards, '6', 'ArrowDown')).toBeNull();
    expect(verticalNeighbour(cards, '1', 'ArrowRight')).toBeNull();
    expect(verticalNeighbour(cards, 'gone', 'ArrowDown')).toBeNull();
  });
});
