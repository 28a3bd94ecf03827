import { useActions, useApp } from '../state/context.ts';

export function ErrorBanner() {
  const error = useApp((s) => s.error);
  const { dismissError } = useActions();
  if (!error) return null;
  return (
    <div
      role="alert"
      className="mb-6 flex items-start gap-3 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/60 dark:text-red-200"
    >
      <p className="flex-1">{error}</p>
      <button type="button" onClick={dismissError} className="font-medium underline-offset-2 hover:underline">
        Dismiss
      </button>
    </div>
  );
}
