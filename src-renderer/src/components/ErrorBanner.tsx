import { useActions, useApp } from '../state/context.ts';

const TONES = {
  error: 'border-red-200 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950/60 dark:text-red-200',
  notice: 'border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950/50 dark:text-amber-200',
};

/** The last error and the last notice, each until dismissed. */
export function ErrorBanner() {
  const error = useApp((s) => s.error);
  const notice = useApp((s) => s.notice);
  const { dismissError, dismissNotice } = useActions();
  return (
    <>
      {error && <Banner tone="error" message={error} onDismiss={dismissError} />}
      {notice && <Banner tone="notice" message={notice} onDismiss={dismissNotice} />}
    </>
  );
}

function Banner({ tone, message, onDismiss }: { tone: keyof typeof TONES; message: string; onDismiss: () => void }) {
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={`mb-6 flex items-start gap-3 rounded-lg border px-4 py-3 text-sm ${TONES[tone]}`}>
      <p className="flex-1">{message}</p>
      <button type="button" onClick={onDismiss} className="font-medium underline-offset-2 hover:underline">
        Dismiss
      </button>
    </div>
  );
}
