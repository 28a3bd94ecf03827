import { useApp } from '../state/context.ts';
import { AppHeader } from './AppHeader.tsx';
import { ErrorBanner } from './ErrorBanner.tsx';
import { ProjectListPage } from './ProjectListPage.tsx';
import { ProjectPage } from './ProjectPage.tsx';

export function App() {
  const page = useApp((s) => s.route.page);
  // The project list reads best narrow; the storyboard wants the whole window.
  const width = page === 'projects' ? 'max-w-4xl' : 'max-w-[120rem]';
  return (
    <div className="min-h-screen">
      <AppHeader width={width} />
      <main className={`mx-auto px-6 ${page === 'projects' ? 'py-8' : 'pt-4 pb-8'} ${width}`}>
        <ErrorBanner />
        {page === 'projects' ? <ProjectListPage /> : <ProjectPage />}
      </main>
    </div>
  );
}
