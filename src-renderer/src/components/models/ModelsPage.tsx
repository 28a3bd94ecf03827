import { useApp } from '../../state/context.ts';
import { LoadFailed } from '../LoadFailed.tsx';
import { DownloadSection } from './DownloadSection.tsx';
import { ImportFolderForm } from './ImportFolderForm.tsx';
import { ModelList } from './ModelList.tsx';

export function ModelsPage() {
  const loadState = useApp((s) => s.loadState);
  if (loadState === 'failed') return <LoadFailed what="The model library" />;
  if (loadState === 'loading') return <p className="py-16 text-center text-sm text-stone-500">Loading…</p>;
  return (
    <div className="grid gap-8">
      <h1 className="text-2xl font-semibold tracking-tight">Models</h1>
      <ModelList />
      <ImportFolderForm />
      <DownloadSection />
    </div>
  );
}
