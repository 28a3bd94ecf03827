import { useApp } from '../state/context.ts';

const STATES = {
  saving: { text: 'Saving…', dot: 'bg-amber-500 animate-pulse' },
  failed: { text: 'Not saved', dot: 'bg-red-500' },
  saved: { text: 'All changes saved', dot: 'bg-teal-500' },
} as const;

export function SaveStatus() {
  const state = useApp((s) => (s.pendingSaves > 0 ? 'saving' : s.saveFailed ? 'failed' : 'saved'));
  const { text, dot } = STATES[state];
  return (
    <span role="status" aria-live="polite" data-save-state={state} className="flex items-center gap-2 text-xs text-stone-500 dark:text-stone-400">
      <span className={`size-2 rounded-full ${dot}`} aria-hidden="true" />
      {text}
    </span>
  );
}
