import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Render } from '../../../src-shared/domain/index.ts';
import { byConsistency, mostConsistentChoice } from './consistency.ts';

const render = (id: string, clipI: number | null | undefined): Render => ({
  id, frameId: 'f', createdAt: 0, width: 64, height: 64,
  params: { modelId: 'm', modelFamily: 'sd1', settings: DEFAULT_SETTINGS, width: 64, height: 64, steps: 2, guidance: 7, scheduler: 'ddim', seed: 1, identityPrompt: '', negativePrompt: '', framePrompt: '', storyPrompt: '', partIndex: 1, planHash: 'h' },
  ...(clipI === undefined ? {} : { scores: { clipT: 20, clipI, dino: null, clipModel: 'c', dinoModel: null, segmentationModel: null } }),
});

describe('consistency of variants', () => {
  it('sorts the most consistent first, unscored last in their order', () => {
    const list = [render('a', undefined), render('b', 0.7), render('c', 0.9), render('d', null), render('e', 0.8)];
    expect(byConsistency(list).map((r) => r.id)).toEqual(['c', 'e', 'b', 'a', 'd']);
  });

  it('chooses the highest identity score unless the frame already shows it or nothing is scored', () => {
    const list = [render('a', 0.7), render('b', 0.9)];
    expect(mostConsistentChoice('f', 'a', list)).toEqual({ id: 'f', renderId: 'b' });
    expect(mostConsistentChoice('f', 'b', list)).toBeNull();
    expect(mostConsistentChoice('f', 'a', [render('a', undefined), render('b', null)])).toBeNull();
  });
});
