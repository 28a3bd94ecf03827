import type { ReactNode } from 'react';

/** Inline 20px outline icons (no icon font or network), hidden from assistive tech: buttons carry labels. */
export function Icon({ children }: { children: ReactNode }) {
  return (
    <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={1.6} strokeLinecap="round" strokeLinejoin="round" className="size-5" aria-hidden="true">
      {children}
    </svg>
  );
}

export const GripIcon = () => (
  <Icon>
    <circle cx="7.5" cy="5" r="0.6" />
    <circle cx="12.5" cy="5" r="0.6" />
    <circle cx="7.5" cy="10" r="0.6" />
    <circle cx="12.5" cy="10" r="0.6" />
    <circle cx="7.5" cy="15" r="0.6" />
    <circle cx="12.5" cy="15" r="0.6" />
  </Icon>
);
export const ArrowUpIcon = () => (
  <Icon>
    <path d="M10 16V4M5 9l5-5 5 5" />
  </Icon>
);
export const ArrowDownIcon = () => (
  <Icon>
    <path d="M10 4v12M5 11l5 5 5-5" />
  </Icon>
);
export const TrashIcon = () => (
  <Icon>
    <path d="M4 6h12M8 6V4h4v2M6 6l.7 10h6.6L14 6" />
  </Icon>
);
export const CopyIcon = () => (
  <Icon>
    <rect x="7" y="7" width="9" height="9" rx="1.5" />
    <path d="M13 7V5.5A1.5 1.5 0 0 0 11.5 4h-6A1.5 1.5 0 0 0 4 5.5v6A1.5 1.5 0 0 0 5.5 13H7" />
  </Icon>
);
export const PencilIcon = () => (
  <Icon>
    <path d="M13.5 3.5l3 3L7 16H4v-3z" />
  </Icon>
);
export const PlusIcon = () => (
  <Icon>
    <path d="M10 4v12M4 10h12" />
  </Icon>
);
export const SunIcon = () => (
  <Icon>
    <circle cx="10" cy="10" r="3.2" />
    <path d="M10 2.5v1.5M10 16v1.5M2.5 10H4M16 10h1.5M4.7 4.7l1 1M14.3 14.3l1 1M4.7 15.3l1-1M14.3 5.7l1-1" />
  </Icon>
);
export const MoonIcon = () => (
  <Icon>
    <path d="M16 12.5A6.5 6.5 0 0 1 7.5 4a6.5 6.5 0 1 0 8.5 8.5z" />
  </Icon>
);
export const PlayIcon = () => (
  <Icon>
    <path d="M6 4.5v11l9-5.5z" />
  </Icon>
);
export const RefreshIcon = () => (
  <Icon>
    <path d="M15.5 8A6 6 0 0 0 4.6 6.5M4.5 12a6 6 0 0 0 10.9 1.5" />
    <path d="M15.5 3.5V8H11M4.5 16.5V12H9" />
  </Icon>
);
export const DiceIcon = () => (
  <Icon>
    <rect x="3.5" y="3.5" width="13" height="13" rx="2.5" />
    <circle cx="7.2" cy="7.2" r="0.7" />
    <circle cx="12.8" cy="12.8" r="0.7" />
    <circle cx="10" cy="10" r="0.7" />
  </Icon>
);
export const StopIcon = () => (
  <Icon>
    <rect x="5" y="5" width="10" height="10" rx="1.5" />
  </Icon>
);
export const UndoIcon = () => (
  <Icon>
    <path d="M7.5 5 4 8.5 7.5 12" />
    <path d="M4 8.5h7.5a4.5 4.5 0 0 1 0 9H9" />
  </Icon>
);
export const RedoIcon = () => (
  <Icon>
    <path d="M12.5 5 16 8.5 12.5 12" />
    <path d="M16 8.5H8.5a4.5 4.5 0 0 0 0 9H11" />
  </Icon>
);
export const KeyboardIcon = () => (
  <Icon>
    <rect x="2.5" y="5.5" width="15" height="9" rx="1.5" />
    <path d="M5.5 8.5h1M9.5 8.5h1M13.5 8.5h1M7 11.5h6" />
  </Icon>
);
export const LayersIcon = () => (
  <Icon>
    <path d="M10 3.5 17 7l-7 3.5L3 7z" />
    <path d="M3 10.5 10 14l7-3.5M3 13.5 10 17l7-3.5" />
  </Icon>
);
export const ImageIcon = () => (
  <Icon>
    <rect x="3" y="4" width="14" height="12" rx="1.5" />
    <circle cx="7.5" cy="8" r="1.3" />
    <path d="m3.5 14.5 4-4 3 3 2-2 4 4" />
  </Icon>
);
export const ChevronLeftIcon = () => (
  <Icon>
    <path d="M12.5 4.5 7 10l5.5 5.5" />
  </Icon>
);
export const ChevronRightIcon = () => (
  <Icon>
    <path d="M7.5 4.5 13 10l-5.5 5.5" />
  </Icon>
);
export const CloseIcon = () => (
  <Icon>
    <path d="M5 5l10 10M15 5 5 15" />
  </Icon>
);
export const ResetIcon = () => (
  <Icon>
    <path d="M4.5 10a5.5 5.5 0 1 0 1.7-4" />
    <path d="M4.5 3.5v3h3" />
  </Icon>
);
export const ExportIcon = () => (
  <Icon>
    <path d="M10 3v9M6.5 8.5 10 12l3.5-3.5M4 13v3h12v-3" />
  </Icon>
);
export const ImportIcon = () => (
  <Icon>
    <path d="M10 12V3M6.5 6.5 10 3l3.5 3.5M4 13v3h12v-3" />
  </Icon>
);
