import type { MenuItemConstructorOptions } from 'electron';

/**
 * Electron's default menu, but its zoom items take no keys: Ctrl/⌘ +, − and 0 would otherwise zoom the whole
 * page before the page sees them, and the board uses them for its card size. The items stay in the View menu.
 */
export function appMenuTemplate(platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const zoom = (role: 'resetZoom' | 'zoomIn' | 'zoomOut'): MenuItemConstructorOptions => ({ role, registerAccelerator: false });
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }, zoom('resetZoom'), zoom('zoomIn'), zoom('zoomOut'), { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { role: 'windowMenu' },
  ];
}
