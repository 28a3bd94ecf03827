import { useState } from 'react';
import { STORY_PROMPT_REASON } from '../../../src-shared/domain/index.ts';
import { useApp } from '../state/context.ts';
import { button } from './ui.ts';

const STORAGE_KEY = 'onestory.windowNoteDismissed';

/**
 * Explains once, where the stale cards are, why editing one prompt stales every frame that shares its consolidated
 * prompt; shown the first time it happens, until the user dismisses it.
 */
export function WindowNote() {
  const promptStaled = useApp((s) => s.storyState?.frames.some((f) => f.staleReasons.some((r) => r.startsWith(STORY_PROMPT_REASON))) ?? false);
  const [dismissed, setDismissed] = useState(() => window.localStorage.getItem(STORAGE_KEY) === '1');
  if (!promptStaled || dismissed) return null;

  const dismiss = () => {
    window.localStorage.setItem(STORAGE_KEY, '1');
    setDismissed(true);
  };
  return (
    <aside
      aria-label="Why editing one prompt affects other frames"
      className="flex items-start gap-3 rounded-xl border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
    >
      <p className="flex-1">
        <strong className="font-semibold">Why did other frames go out of date?</strong> The story is drawn from one consolidated prompt: the identity
        prompt, then every frame’s prompt in order (a window of them in long stories). Every frame in it is conditioned on all of them, so editing,
        adding or moving one frame changes what the others were made from. Regenerate them, or keep the pictures you like as they are.
      </p>
      <button type="button" className={button.small} onClick={dismiss}>
        Got it
      </button>
    </aside>
  );
}
