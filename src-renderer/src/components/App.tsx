import { useApp } from '../state/context.ts';
import { AppHeader } from './AppHeader.tsx';
import { ErrorBanner } from './ErrorBanner.tsx';
import { ProjectListPage } from './ProjectListPage.tsx';
import { ProjectPage } from './ProjectPage.tsx';

export function App() {
  const page = useApp((s) => s.route.page);
  return (
    <div className="min-h-screen">
      <AppHeader />
      <main className="mx-auto max-w-4xl px-6 py-8">
        <ErrorBanner />
        {page === 'projects' ? <ProjectListPage /> : <ProjectPage />}
      </main>
    </div>
  );
}
