import { useId, useState, type FormEvent } from 'react';
import type { HubRequest } from '../../state/library.ts';
import { button, card, fieldLabel, hint, input } from '../ui.ts';

/** Any repository on the Hub; the backend picks the files the pipeline reads and checks the id. */
export function RepoForm({ onChoose }: { onChoose(request: HubRequest): void }) {
  const [repo, setRepo] = useState('');
  const [revision, setRevision] = useState('');
  const id = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (repo.trim()) onChoose(revision.trim() ? { repo: repo.trim(), revision: revision.trim() } : { repo: repo.trim() });
  };

  return (
    <form onSubmit={submit} aria-label="Another repository" className={`${card} grid gap-3 p-5`}>
      <p className="text-sm font-medium">Another repository</p>
      <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_10rem_auto] sm:items-end">
        <div className="grid gap-1.5">
          <label htmlFor={`${id}-repo`} className={fieldLabel}>
            Repository id
          </label>
          <input id={`${id}-repo`} value={repo} placeholder="owner/name" onChange={(event) => setRepo(event.target.value)} className={`${input} font-mono text-xs`} />
        </div>
        <div className="grid gap-1.5">
          <label htmlFor={`${id}-revision`} className={fieldLabel}>
            Revision
          </label>
          <input id={`${id}-revision`} value={revision} placeholder="main" onChange={(event) => setRevision(event.target.value)} className={`${input} font-mono text-xs`} />
        </div>
        <button type="submit" className={button.secondary} disabled={!repo.trim()}>
          Check files…
        </button>
      </div>
      <p className={hint}>An ONNX export in the diffusers layout. A branch, tag or commit; empty means main.</p>
    </form>
  );
}
