import { expect, it } from 'vitest';
import { PAN_STEP, viewerKey } from './viewer-keys.ts';

const key = (k: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) =>
  viewerKey({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods });

it('moves between frames on ← and →, and leaves ↑ and ↓ to scrolling', () => {
  expect(key('ArrowLeft')).toEqual({ kind: 'frame', delta: -1 });
  expect(key('ArrowRight')).toEqual({ kind: 'frame', delta: 1 });
  expect(key('ArrowUp')).toBeNull();
});

it('pans with Shift and the arrows, towards the side the arrow points at', () => {
  expect(key('ArrowRight', { shiftKey: true })).toEqual({ kind: 'pan', dx: -PAN_STEP, dy: 0 });
  expect(key('ArrowUp', { shiftKey: true })).toEqual({ kind: 'pan', dx: 0, dy: PAN_STEP });
});

it('zooms on + and −, fits on F and 0, shows 1:1 on 1', () => {
  expect(key('+')).toEqual({ kind: 'zoom', direction: 1 });
  expect(key('=')).toEqual({ kind: 'zoom', direction: 1 });
  expect(key('-')).toEqual({ kind: 'zoom', direction: -1 });
  expect(key('f')).toEqual({ kind: 'fit' });
  expect(key('0')).toEqual({ kind: 'fit' });
  expect(key('1')).toEqual({ kind: 'actualSize' });
});

it('leaves Ctrl, Cmd and Alt combinations to the app and the browser', () => {
  expect(key('z', { ctrlKey: true })).toBeNull();
  expect(key('-', { ctrlKey: true })).toBeNull();
  expect(key('ArrowLeft', { altKey: true })).toBeNull();
  expect(key('x')).toBeNull();
});
