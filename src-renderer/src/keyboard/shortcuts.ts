/** One keyboard shortcut: how it is written for the user, when it fires, what it does. */
export interface Shortcut {
  id: 'undo' | 'redo' | 'generate' | 'regenerateStale' | 'cancel' | 'addFrame' | 'export' | 'zoomIn' | 'zoomOut' | 'zoomReset' | 'play' | 'help';
  description: string;
  /** key names joined by "+", with "Mod" for ⌘ on a Mac and Ctrl elsewhere */
  keys: string[];
  /** fires while a text field has focus too (undo/redo, generate); others leave typing alone */
  inTextFields: boolean;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'undo', description: 'Undo', keys: ['Mod+Z'], inTextFields: true },
  { id: 'redo', description: 'Redo', keys: ['Mod+Shift+Z', 'Ctrl+Y'], inTextFields: true },
  { id: 'generate', description: 'Generate all frames', keys: ['Mod+Enter'], inTextFields: true },
  { id: 'regenerateStale', description: 'Regenerate stale frames', keys: ['Mod+Shift+Enter'], inTextFields: true },
  { id: 'cancel', description: 'Cancel the running job', keys: ['Mod+.'], inTextFields: true },
  { id: 'addFrame', description: 'Add a frame', keys: ['Alt+N'], inTextFields: false },
  { id: 'export', description: 'Export the story', keys: ['Mod+E'], inTextFields: true },
  { id: 'zoomIn', description: 'Larger cards on the board', keys: ['Mod+=', 'Mod++'], inTextFields: false },
  { id: 'zoomOut', description: 'Smaller cards on the board', keys: ['Mod+-'], inTextFields: false },
  { id: 'zoomReset', description: 'Cards back to medium size', keys: ['Mod+0'], inTextFields: false },
  { id: 'play', description: 'Play the animatic', keys: ['P'], inTextFields: false },
  { id: 'help', description: 'Show keyboard shortcuts', keys: ['?'], inTextFields: false },
];

export type ShortcutId = Shortcut['id'];

const isMac = /Mac|iPhone|iPad/.test(navigator.userAgent);
const MAC_SYMBOLS: Record<string, string> = { Mod: '⌘', Shift: '⇧', Alt: '⌥', Ctrl: '⌃', Enter: '↩' };

/** "Ctrl+Shift+Z" or "⌘⇧Z": how a key combination is printed on this platform. */
export function formatKeys(keys: string): string {
  if (isMac) return keyParts(keys).map((k) => MAC_SYMBOLS[k] ?? k).join('');
  return keys.replace('Mod', 'Ctrl');
}

/** The first key combination of a shortcut, for tooltips: "Generate all (Ctrl+Enter)". */
export function withShortcut(label: string, id: ShortcutId): string {
  const shortcut = SHORTCUTS.find((s) => s.id === id)!;
  return `${label} (${formatKeys(shortcut.keys[0])})`;
}

/** "Mod+Shift+Z" → ["Mod", "Shift", "Z"]; "Mod++" names the plus key itself. */
function keyParts(keys: string): string[] {
  return keys.endsWith('++') ? [...keys.slice(0, -2).split('+'), '+'] : keys.split('+');
}

/** Whether the event is exactly this key combination ("Mod" accepts Ctrl and ⌘ alike). */
function matches(event: KeyboardEvent, keys: string): boolean {
  const parts = keyParts(keys);
  const key = parts.at(-1)!;
  const mod = parts.includes('Mod');
  const wantsCtrl = parts.includes('Ctrl');
  const pressedKey = key.length === 1 && /[A-Z]/.test(key) ? event.code === `Key${key}` : event.key === key;
  return (
    pressedKey &&
    (mod ? event.ctrlKey || event.metaKey : wantsCtrl ? event.ctrlKey && !event.metaKey : !event.ctrlKey && !event.metaKey) &&
    // "?" is typed with Shift on most layouts, so Shift only counts where a combination names it.
    (key === '?' || key === '+' || event.shiftKey === parts.includes('Shift')) &&
    event.altKey === parts.includes('Alt')
  );
}

export function shortcutFor(event: KeyboardEvent): Shortcut | null {
  const typing = isTextField(event.target);
  return SHORTCUTS.find((s) => (s.inTextFields || !typing) && s.keys.some((keys) => matches(event, keys))) ?? null;
}

function isTextField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.matches('input, textarea, select'));
}
