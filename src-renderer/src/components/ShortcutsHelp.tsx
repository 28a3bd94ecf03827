import { formatKeys, SHORTCUTS } from '../keyboard/shortcuts.ts';
import { KeyboardIcon } from './icons.tsx';
import { button, sectionHeading } from './ui.ts';

export const SHORTCUTS_HELP_ID = 'shortcuts-help';

/** Keys handled where they are pressed rather than by the page, listed so they can be found. */
const LOCAL_KEYS: ReadonlyArray<{ description: string; keys: string[] }> = [
  { description: 'Close a dialog or this list', keys: ['Escape'] },
  { description: 'Select the previous, next, first or last frame (on a card’s picture)', keys: ['←', '→', 'Home', 'End'] },
  { description: 'Select the frame above or below (on a card’s picture)', keys: ['↑', '↓'] },
  { description: 'Open the selected frame large; delete it (undo brings it back) (on a card’s picture)', keys: ['Enter', 'Delete'] },
  { description: 'Pick up or drop a frame (on its handle)', keys: ['Space'] },
  { description: 'Move a picked-up frame earlier or later', keys: ['←↑', '→↓'] },
  { description: 'Browse variants in the large view', keys: ['←', '→'] },
  { description: 'Player: play or pause, previous or next frame', keys: ['Space', '←', '→'] },
  { description: 'Player: loop, captions and dialogue', keys: ['L', 'C'] },
  { description: 'Lengthen or shorten a frame (its edge on the timeline)', keys: ['→', '←'] },
];

/** A light-dismiss popover (the browser closes it on Escape or a click outside). */
export function ShortcutsHelp() {
  const rows = [...SHORTCUTS.map((s) => ({ description: s.description, keys: s.keys.map(formatKeys) })), ...LOCAL_KEYS];
  return (
    <>
      <button type="button" className={button.icon} popoverTarget={SHORTCUTS_HELP_ID} aria-label="Keyboard shortcuts" title={`Keyboard shortcuts (?)`}>
        <KeyboardIcon />
      </button>
      <div
        id={SHORTCUTS_HELP_ID}
        popover="auto"
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-stone-200 bg-white p-5 text-stone-900 shadow-2xl backdrop:bg-stone-950/30 dark:border-stone-800 dark:bg-stone-900 dark:text-stone-100"
      >
        <h2 className={`${sectionHeading} mb-3`}>Keyboard shortcuts</h2>
        <dl className="grid grid-cols-[1fr_auto] gap-x-6 gap-y-2 text-sm">
          {rows.map(({ description, keys }) => (
            <div key={description} className="contents">
              <dt className="text-stone-600 dark:text-stone-300">{description}</dt>
              <dd className="flex items-start justify-end gap-1">
                {keys.map((k) => (
                  <kbd key={k} className="rounded border border-stone-300 bg-stone-50 px-1.5 py-0.5 font-mono text-xs dark:border-stone-700 dark:bg-stone-800">
                    {k}
                  </kbd>
                ))}
              </dd>
            </div>
          ))}
        </dl>
      </div>
    </>
  );
}
