import type { ReactNode } from 'react';

/** Colours of a badge by what it says; the frame status badge shares them. */
export const BADGE_TONES = {
  neutral: 'bg-stone-100 text-stone-600 dark:bg-stone-800 dark:text-stone-300',
  good: 'bg-emerald-50 text-emerald-800 dark:bg-emerald-950/50 dark:text-emerald-300',
  accent: 'bg-teal-50 text-teal-800 dark:bg-teal-950/60 dark:text-teal-300',
  pending: 'bg-amber-50 text-amber-800 ring-1 ring-amber-200 ring-inset dark:bg-amber-950/50 dark:text-amber-300 dark:ring-amber-900',
  warning: 'bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-200',
  danger: 'bg-red-50 text-red-800 dark:bg-red-950/60 dark:text-red-300',
};

export type BadgeTone = keyof typeof BADGE_TONES;

/** A short label beside a name: "Default", "Missing", "Not checked". */
export function Badge({ tone = 'neutral', title, children }: { tone?: BadgeTone; title?: string; children: ReactNode }) {
  return <span title={title} className={`inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-medium ${BADGE_TONES[tone]}`}>{children}</span>;
}
