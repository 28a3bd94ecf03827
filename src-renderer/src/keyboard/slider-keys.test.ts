import { describe, expect, it } from 'vitest';
import { sliderSteps } from './slider-keys.ts';

describe('sliderSteps', () => {
  it('moves one step per arrow, ten per page key or with Shift, and nothing for other keys', () => {
    expect(sliderSteps({ key: 'ArrowRight', shiftKey: false })).toBe(1);
    expect(sliderSteps({ key: 'ArrowDown', shiftKey: false })).toBe(-1);
    expect(sliderSteps({ key: 'ArrowLeft', shiftKey: true })).toBe(-10);
    expect(sliderSteps({ key: 'PageUp', shiftKey: false })).toBe(10);
    expect(sliderSteps({ key: 'a', shiftKey: true })).toBe(0);
  });
});
