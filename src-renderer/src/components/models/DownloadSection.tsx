import { useState } from 'react';
import type { HubRequest } from '../../state/library.ts';
import { hint, sectionHeading } from '../ui.ts';
import { CatalogueList } from './CatalogueList.tsx';
import { DownloadList } from './DownloadList.tsx';
import { DownloadPlanDialog } from './DownloadPlanDialog.tsx';
import { HubTokenForm } from './HubTokenForm.tsx';
import { RepoForm } from './RepoForm.tsx';

/** The catalogue or any repository id → the plan (files, size, free space) → a download in the list below. */
export function DownloadSection() {
  const [request, setRequest] = useState<HubRequest | null>(null);
  return (
    <section aria-labelledby="download-heading" className="grid gap-4">
      <div className="grid gap-1">
        <h2 id="download-heading" className={sectionHeading}>
          Download from the Hugging Face Hub
        </h2>
        <p className={hint}>
          Only the ONNX files the pipeline reads are fetched. Every file is checked against the Hub’s size and checksum, and the model joins the library once it is complete and valid. Downloads
          resume where they stopped.
        </p>
      </div>
      <DownloadList />
      <CatalogueList onChoose={setRequest} />
      <RepoForm onChoose={setRequest} />
      <HubTokenForm />
      <DownloadPlanDialog request={request} onClose={() => setRequest(null)} />
    </section>
  );
}
