import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type GenerationSettings } from '../../../src-shared/domain/index.ts';
import { selectStoryAspect } from './selectors.ts';
import type { AppState } from './store.ts';

// Only what the selector reads: the story's settings (no model, so no defaults).
function stateWith(settings: Partial<GenerationSettings>): AppState {
  return { story: { project: { settings: { ...DEFAULT_SETTINGS, ...settings }, modelId: null } }, models: [] } as unknown as AppState;
}

describe('the board’s picture aspect', () => {
  it('is the size’s own ratio when the size is free', () => {
    expect(selectStoryAspect(stateWith({ width: 1024, height: 432, aspect: null }))).toBeCloseTo(1024 / 432, 9);
  });

  it('is the preset’s exact ratio when a preset renders at a nearby trained size (2.39:1 at 1024×432)', () => {
    expect(selectStoryAspect(stateWith({ width: 1024, height: 432, aspect: '2.39:1' }))).toBeCloseTo(1024 / 428, 9);
    expect(selectStoryAspect(stateWith({ width: 1536, height: 640, aspect: '2.39:1' }))).toBeCloseTo(1530 / 640, 9);
  });

  it('is square when no size is known', () => {
    expect(selectStoryAspect(stateWith({ width: null, height: null }))).toBe(1);
  });
});
