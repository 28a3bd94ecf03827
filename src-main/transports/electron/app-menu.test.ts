import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { appMenuTemplate } from './app-menu.ts';

const items = (template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);

describe('app menu', () => {
  it('keeps the zoom items but leaves their keys to the page (the board zoom)', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const zoomItems = items(appMenuTemplate(platform)).filter((item) => item.role === 'zoomIn' || item.role === 'zoomOut' || item.role === 'resetZoom');
      expect(zoomItems.map((item) => [item.role, item.registerAccelerator])).toEqual([['resetZoom', false], ['zoomIn', false], ['zoomOut', false]]);
    }
  });

  it('has the app menu on macOS only', () => {
    expect(appMenuTemplate('darwin')[0].role).toBe('appMenu');
    expect(appMenuTemplate('linux').some((item) => item.role === 'appMenu')).toBe(false);
  });
});
