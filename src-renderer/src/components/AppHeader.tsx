import { SaveStatus } from './SaveStatus.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';

/** `width` matches the page below, so the title lines up with its content. */
export function AppHeader({ width }: { width: string }) {
  return (
    <header className="sticky top-0 z-20 border-b border-stone-200 bg-stone-50 dark:border-stone-800 dark:bg-stone-950">
      <div className={`mx-auto flex h-14 items-center gap-4 px-6 ${width}`}>
        <a href="#/" className="text-base font-semibold tracking-tight text-stone-900 dark:text-stone-50">
          Onestory
        </a>
        <span className="flex-1" />
        <SaveStatus />
        <ThemeToggle />
      </div>
    </header>
  );
}
