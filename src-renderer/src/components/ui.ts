// Shared class lists, so every card, field and button looks the same in both themes.

const focusRing = 'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-600';

export const card = 'rounded-xl border border-stone-200 bg-white shadow-sm dark:border-stone-800 dark:bg-stone-900';

export const input =
  'w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm shadow-xs placeholder:text-stone-400 ' +
  'focus:border-teal-600 focus:ring-2 focus:ring-teal-600/20 focus:outline-none aria-invalid:border-red-500 ' +
  'dark:border-stone-700 dark:bg-stone-950 dark:placeholder:text-stone-500';

export const fieldLabel = 'text-xs font-medium text-stone-600 dark:text-stone-400';

export const hint = 'text-xs text-stone-500 dark:text-stone-400';

export const sectionHeading = 'text-sm font-semibold text-stone-900 dark:text-stone-100';

const buttonBase = `inline-flex items-center justify-center gap-2 rounded-lg px-3.5 py-2 text-sm font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-50 ${focusRing}`;

const smallLook =
  `inline-flex items-center rounded-md py-1 text-xs font-medium text-stone-600 transition-colors hover:bg-stone-100 hover:text-stone-900 ` +
  `disabled:cursor-not-allowed disabled:opacity-40 disabled:hover:bg-transparent dark:text-stone-300 dark:hover:bg-stone-800 dark:hover:text-stone-50 ${focusRing} [&_svg]:size-4`;

export const button = {
  primary: `${buttonBase} bg-teal-700 text-white hover:bg-teal-800 dark:bg-teal-600 dark:hover:bg-teal-500`,
  secondary: `${buttonBase} border border-stone-300 bg-white text-stone-800 hover:bg-stone-100 dark:border-stone-700 dark:bg-stone-900 dark:text-stone-100 dark:hover:bg-stone-800`,
  /** compact secondary, for rows of actions on a card */
  small: `${smallLook} gap-1.5 px-2`,
  /** narrower still: a medium board card's footer holds four of these on one row */
  tight: `${smallLook} gap-1 px-1.5`,
  danger: `${buttonBase} bg-red-600 text-white hover:bg-red-700 dark:bg-red-600 dark:hover:bg-red-500`,
  icon:
    `inline-flex size-8 items-center justify-center rounded-md text-stone-500 transition-colors hover:bg-stone-100 hover:text-stone-900 ` +
    `disabled:cursor-not-allowed disabled:opacity-30 disabled:hover:bg-transparent dark:text-stone-400 dark:hover:bg-stone-800 dark:hover:text-stone-100 ${focusRing}`,
};

export const link = `rounded text-teal-700 hover:underline dark:text-teal-400 ${focusRing}`;

/** A modal <dialog>'s box and backdrop; each dialog adds its size and padding. */
export const dialogSurface = 'm-auto rounded-xl border border-stone-200 bg-white text-stone-900 shadow-xl backdrop:bg-stone-950/40 dark:border-stone-800 dark:bg-stone-900 dark:text-stone-100';
