interface ProgressBarProps {
  /** 0..1 */
  fraction: number;
  label: string;
  className?: string;
}

export function ProgressBar({ fraction, label, className = '' }: ProgressBarProps) {
  const percent = Math.round(fraction * 100);
  return (
    <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className={`h-1.5 overflow-hidden rounded-full bg-stone-200/80 dark:bg-stone-700/80 ${className}`}>
      <div className="h-full rounded-full bg-teal-600 transition-[width] duration-300 dark:bg-teal-400" style={{ width: `${percent}%` }} />
    </div>
  );
}
