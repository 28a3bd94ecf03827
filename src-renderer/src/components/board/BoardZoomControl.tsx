import { formatKeys } from '../../keyboard/shortcuts.ts';
import { BOARD_ZOOMS, type BoardZoom } from '../../state/board.ts';
import { useActions, useApp } from '../../state/context.ts';

const LABELS: Record<BoardZoom, { short: string; name: string; keys: string }> = {
  small: { short: 'S', name: 'Small cards', keys: 'Mod+-' },
  medium: { short: 'M', name: 'Medium cards', keys: 'Mod+0' },
  large: { short: 'L', name: 'Large cards', keys: 'Mod+=' },
};

/** Small, medium or large cards; Ctrl + and Ctrl − step through them, Ctrl 0 goes back to medium. */
export function BoardZoomControl() {
  const current = useApp((s) => s.boardZoom);
  const { setBoardZoom } = useActions();
  return (
    <div role="group" aria-label="Card size" className="flex rounded-lg bg-stone-100 p-0.5 dark:bg-stone-800">
      {BOARD_ZOOMS.map((zoom) => (
        <button
          key={zoom}
          type="button"
          aria-pressed={current === zoom}
          aria-label={LABELS[zoom].name}
          title={`${LABELS[zoom].name} (${formatKeys(LABELS[zoom].keys)})`}
          onClick={() => setBoardZoom(zoom)}
          className="rounded-md px-2.5 py-1 text-xs font-medium text-stone-600 aria-pressed:bg-white aria-pressed:text-stone-900 aria-pressed:shadow-sm dark:text-stone-300 dark:aria-pressed:bg-stone-950 dark:aria-pressed:text-stone-50"
        >
          {LABELS[zoom].short}
        </button>
      ))}
    </div>
  );
}
