import type { ComponentType } from 'react';
import { useApp } from '../state/context.ts';
import type { Route } from '../state/route.ts';
import { AppHeader } from './AppHeader.tsx';
import { ErrorBanner } from './ErrorBanner.tsx';
import { ModelsPage } from './models/ModelsPage.tsx';
import { ProjectListPage } from './ProjectListPage.tsx';
import { ProjectPage } from './ProjectPage.tsx';
import { SettingsPage } from './settings/SettingsPage.tsx';

const PAGES: Record<Route['page'], ComponentType> = { projects: ProjectListPage, project: ProjectPage, models: ModelsPage, settings: SettingsPage };

export function App() {
  const page = useApp((s) => s.route.page);
  const Page = PAGES[page];
  // Lists and settings read best narrow; the storyboard wants the whole window.
  const storyboard = page === 'project';
  const width = storyboard ? 'max-w-[120rem]' : 'max-w-4xl';
  return (
    // Clipped sideways: a card dragged towards the window's edge must not widen the page, or dnd-kit scrolls
    // the window after it and the card leaves the pointer. Clip (not hidden) keeps the sticky panels working.
    <div className="min-h-screen overflow-x-clip">
      <AppHeader width={width} />
      <main className={`mx-auto px-6 ${storyboard ? 'pt-4 pb-8' : 'py-8'} ${width}`}>
        <ErrorBanner />
        <Page />
      </main>
    </div>
  );
}
