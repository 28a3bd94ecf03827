import { SaveStatus } from './SaveStatus.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';

export function AppHeader() {
  return (
    <header className="sticky top-0 z-20 border-b border-stone-200 bg-stone-50/85 backdrop-blur dark:border-stone-800 dark:bg-stone-950/85">
      <div className="mx-auto flex h-14 max-w-4xl items-center gap-4 px-6">
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
