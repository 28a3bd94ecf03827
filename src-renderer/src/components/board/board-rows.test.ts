import { describe, expect, it } from 'vitest';
import type { Frame, Scene } from '../../../../src-shared/domain/index.ts';
import { boardRows } from './board-rows.ts';

const scene = (id: string, heading: string) => ({ id, heading }) as Scene;
const frames = (...sceneIds: Array<string | null>) => sceneIds.map((sceneId, position) => ({ id: `f${position}`, position, sceneId }) as Frame);
const shape = (rows: ReturnType<typeof boardRows>) =>
  rows.map((row) => (row.kind === 'frame' ? row.frame.id : `[${row.scene?.heading ?? 'none'} ${row.frameCount}${row.continued ? ' cont.' : ''}]`));

describe('boardRows', () => {
  it('shows no headers while no frame is in a scene', () => {
    expect(shape(boardRows(frames(null, null), []))).toEqual(['f0', 'f1']);
  });

  it('puts a header before each run of a scene, and "no scene" after one', () => {
    const rows = boardRows(frames(null, 'a', 'a', 'b', null), [scene('a', 'INT. KITCHEN'), scene('b', 'EXT. GARDEN')]);
    expect(shape(rows)).toEqual(['f0', '[INT. KITCHEN 2]', 'f1', 'f2', '[EXT. GARDEN 1]', 'f3', '[none 1]', 'f4']);
  });

  it('marks a scene split by another as continued', () => {
    const rows = boardRows(frames('a', 'b', 'a'), [scene('a', 'A'), scene('b', 'B')]);
    expect(shape(rows)).toEqual(['[A 1]', 'f0', '[B 1]', 'f1', '[A 1 cont.]', 'f2']);
  });
});
