import { useApp } from '../state/context.ts';
import { routeHash, type Route } from '../state/route.ts';
import { SaveStatus } from './SaveStatus.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';

const NAV: Array<{ page: 'projects' | 'models' | 'settings'; label: string }> = [
  { page: 'projects', label: 'Projects' },
  { page: 'models', label: 'Models' },
  { page: 'settings', label: 'Settings' },
];

/** `width` matches the page below, so the title lines up with its content. */
export function AppHeader({ width }: { width: string }) {
  return (
    <header className="sticky top-0 z-20 border-b border-stone-200 bg-stone-50 dark:border-stone-800 dark:bg-stone-950">
      <div className={`mx-auto flex h-14 items-center gap-4 px-6 ${width}`}>
        <a href="#/" className="text-base font-semibold tracking-tight text-stone-900 dark:text-stone-50">
          Onestory
        </a>
        <Nav />
        <span className="flex-1" />
        <SaveStatus />
        <ThemeToggle />
      </div>
    </header>
  );
}

function Nav() {
  const page = useApp((s) => s.route.page);
  // A project is part of Projects.
  const current: Route['page'] = page === 'project' ? 'projects' : page;
  return (
    <nav aria-label="Main" className="flex gap-1">
      {NAV.map((item) => (
        <a
          key={item.page}
          href={routeHash({ page: item.page })}
          aria-current={current === item.page ? 'page' : undefined}
          className="rounded-md px-2.5 py-1.5 text-sm text-stone-600 hover:bg-stone-100 hover:text-stone-900 aria-[current=page]:bg-stone-200/70 aria-[current=page]:font-medium aria-[current=page]:text-stone-900 dark:text-stone-400 dark:hover:bg-stone-800 dark:hover:text-stone-100 dark:aria-[current=page]:bg-stone-800 dark:aria-[current=page]:text-stone-50"
        >
          {item.label}
        </a>
      ))}
    </nav>
  );
}
