import type { ReactNode } from 'react';

/** Colours of an in-place message by its weight; the last job's report shares them. */
export const NOTICE_TONES = {
  warning: 'border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950/50 dark:text-amber-200',
  danger: 'border-red-200 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950/60 dark:text-red-200',
};

/** A message that needs the user's attention, in place (an alert: read out when it appears). */
export function Notice({ tone = 'warning', children }: { tone?: keyof typeof NOTICE_TONES; children: ReactNode }) {
  return (
    <div role="alert" className={`rounded-lg border px-3 py-2 text-sm ${NOTICE_TONES[tone]}`}>
      {children}
    </div>
  );
}
