import { describe, expect, it } from 'vitest';
import { boardStep } from './board-keys.ts';

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
