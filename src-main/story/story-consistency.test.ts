import { describe, expect, it } from 'vitest';
import type { ScoringStatus } from '../../src-shared/domain/index.ts';
import type { StoredRenderScores } from '../store/render-scores-repo.ts';
import { driftingIndex, storyConsistency } from './story-consistency.ts';

const IDLE: ScoringStatus = { projectId: 'p', state: 'idle', scored: 0, total: 0, noModels: false, error: null };
const stored = (renderId: string, clip: number[], clipModel = 'clip', segmentationModel: string | null = null): StoredRenderScores => ({
  renderId, clipModel, clipT: 25, clipEmbedding: Float32Array.from(clip), dinoModel: null, dinoEmbedding: null, segmentationModel, scoredAt: 1,
});
const CLIP = { id: 'clip', name: 'CLIP B/32' };

describe('story consistency', () => {
  it('flags the frame clearly less similar to the others, and none when they are close or too few', () => {
    expect(driftingIndex([0.9, 0.88, 0.6, 0.91])).toBe(2);
    expect(driftingIndex([0.9, 0.88, 0.87])).toBe(-1);
    expect(driftingIndex([0.9, 0.2])).toBe(-1);
  });

  it('averages pairwise identity over the scored current renders of this CLIP model; others count as unscored', () => {
    const current = ['a', 'b', 'c', 'd'].map((id) => ({ frameId: `f${id}`, renderId: id }));
    const scores = new Map([
      ['a', stored('a', [1, 0, 0])],
      ['b', stored('b', [1, 0.1, 0])],
      ['c', stored('c', [0, 0, 1])],
      ['d', stored('d', [1, 0, 0], 'another clip')],
    ]);
    const result = storyConsistency(current, scores, { clip: CLIP, dino: null, segmentation: null }, IDLE);
    expect(result.frames.map((f) => f.frameId)).toEqual(['fa', 'fb', 'fc']);
    expect(result.unscored).toBe(1);
    const ab = 1 / Math.hypot(1, 0.1);
    expect(result.clipI).toBeCloseTo((ab + 0 + 0) / 3, 6);
    expect(result.frames.map((f) => f.drifting)).toEqual([false, false, true]);
    expect(result).toMatchObject({ clipModel: 'CLIP B/32', dinoModel: null, segmentationModel: null, dino: null, clipT: 25 });
  });

  it('mixes no identity figures across background removers: renders scored through another one (or none) count as unscored', () => {
    const current = ['a', 'b', 'c'].map((id) => ({ frameId: `f${id}`, renderId: id }));
    const scores = new Map([
      ['a', stored('a', [1, 0, 0], 'clip', 'rmbg')],
      ['b', stored('b', [1, 0.1, 0], 'clip', 'rmbg')],
      ['c', stored('c', [0, 0, 1])],
    ]);
    const rmbg = { id: 'rmbg', name: 'RMBG-1.4' };
    const removed = storyConsistency(current, scores, { clip: CLIP, dino: null, segmentation: rmbg }, IDLE);
    expect(removed.frames.map((f) => f.frameId)).toEqual(['fa', 'fb']);
    expect(removed).toMatchObject({ unscored: 1, segmentationModel: 'RMBG-1.4' });
    const whole = storyConsistency(current, scores, { clip: CLIP, dino: null, segmentation: null }, IDLE);
    expect(whole.frames.map((f) => f.frameId)).toEqual(['fc']);
    expect(whole).toMatchObject({ unscored: 2, segmentationModel: null });
  });
});
