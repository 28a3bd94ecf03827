import { expect, it } from 'vitest';
import { MODEL_NAME_MAX } from '../../../src-shared/domain/index.ts';
import { sameModelName, uniqueModelName } from './model-names.ts';

it('keeps a free name, numbers a taken one from 2, and compares without case', () => {
  expect(uniqueModelName('sd15', [])).toBe('sd15');
  expect(uniqueModelName('sd15', ['SD15'])).toBe('sd15 (2)');
  expect(uniqueModelName('sd15', ['sd15', 'sd15 (2)', 'sd15 (4)'])).toBe('sd15 (3)');
  expect(uniqueModelName('  sd15 ', ['other'])).toBe('sd15');
  expect(sameModelName('Fox', 'fox')).toBe(true);
  expect(sameModelName('Fox', 'Fox 2')).toBe(false);
});

it('cuts a long folder name to the length a name may have, suffix included', () => {
  const long = 'x'.repeat(120);
  expect(uniqueModelName(long, [])).toBe('x'.repeat(MODEL_NAME_MAX));
  const second = uniqueModelName(long, ['x'.repeat(MODEL_NAME_MAX)]);
  expect(second).toBe(`${'x'.repeat(MODEL_NAME_MAX - 4)} (2)`);
  expect(second).toHaveLength(MODEL_NAME_MAX);
});
