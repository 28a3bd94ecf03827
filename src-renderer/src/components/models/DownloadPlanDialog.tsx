import { useEffect, useId, useState } from 'react';
import type { DownloadPlan } from '../../../../src-shared/domain/index.ts';
import { useActions } from '../../state/context.ts';
import type { HubRequest, PlanOutcome } from '../../state/library.ts';
import { Notice } from '../Notice.tsx';
import { button, dialogSurface, hint } from '../ui.ts';
import { useModalDialog } from '../use-modal-dialog.ts';
import { IMPORT_PATH_ID } from './ImportFolderForm.tsx';
import { formatBytes } from '../../../../src-shared/format/quantities.ts';

interface DownloadPlanDialogProps {
  /** open while set */
  request: HubRequest | null;
  onClose(): void;
}

/** Before anything is fetched: which files, how big, and whether they fit; a download starts only from here. */
export function DownloadPlanDialog({ request, onClose }: DownloadPlanDialogProps) {
  const ref = useModalDialog(request !== null);
  const { planDownload, startDownload } = useActions();
  const [outcome, setOutcome] = useState<PlanOutcome | null>(null);
  const [startProblem, setStartProblem] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const titleId = useId();

  useEffect(() => {
    setOutcome(null);
    setStartProblem(null);
    if (!request) return;
    let current = true;
    void planDownload(request).then((answer) => current && setOutcome(answer));
    return () => {
      current = false;
    };
  }, [request, planDownload]);

  const start = async () => {
    if (!request) return;
    setStarting(true);
    const problem = await startDownload(request);
    setStarting(false);
    if (problem) setStartProblem(problem);
    else onClose();
  };

  const importInstead = () => {
    // Closed first: a closing dialog gives focus back to the button that opened it.
    ref.current?.close();
    document.getElementById(IMPORT_PATH_ID)?.focus();
  };

  const plan = outcome && 'plan' in outcome ? outcome.plan : null;
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby={titleId}
      className={`${dialogSurface} w-full max-w-2xl p-6`}
    >
      <h2 id={titleId} className="text-lg font-semibold">
        Download <span className="font-mono text-base">{request?.repo}</span>
      </h2>
      <div className="mt-4 grid gap-3 text-sm">
        {!outcome && <p className={hint}>Asking the Hub which files to fetch…</p>}
        {outcome && 'error' in outcome && (
          <Notice tone="danger">
            <p>{outcome.error}</p>
            {outcome.offline && (
              <button type="button" className={`${button.secondary} mt-2`} onClick={importInstead}>
                Import a folder instead
              </button>
            )}
          </Notice>
        )}
        {plan && <PlanSummary plan={plan} />}
        {startProblem && <Notice tone="danger">{startProblem}</Notice>}
      </div>
      <div className="mt-6 flex justify-end gap-3">
        <button type="button" className={button.secondary} onClick={onClose}>
          Cancel
        </button>
        <button type="button" className={button.primary} disabled={!plan?.enoughSpace || starting} onClick={() => void start()}>
          {plan && plan.neededBytes < plan.totalBytes ? 'Resume download' : 'Start download'}
        </button>
      </div>
    </dialog>
  );
}

function PlanSummary({ plan }: { plan: DownloadPlan }) {
  const already = plan.totalBytes - plan.neededBytes;
  return (
    <>
      <p>
        {plan.files.length} files, <strong>{formatBytes(plan.totalBytes)}</strong>
        {already > 0 && <> ({formatBytes(already)} already downloaded, {formatBytes(plan.neededBytes)} to go)</>} from revision{' '}
        <span className="font-mono">{plan.revision}</span> (commit <span className="font-mono">{plan.commit.slice(0, 10)}</span>).
      </p>
      <p>
        Free space: <strong>{formatBytes(plan.freeBytes)}</strong> in <span className="font-mono break-all">{plan.modelsDir}</span>
      </p>
      {!plan.enoughSpace && (
        <Notice tone="danger">
          Not enough space: this download needs {formatBytes(plan.neededBytes)} but only {formatBytes(plan.freeBytes)} is free. Free some space and try again.
        </Notice>
      )}
      <ul aria-label="Files to download" className="max-h-64 overflow-y-auto rounded-lg border border-stone-200 text-xs dark:border-stone-800">
        {plan.files.map((file) => (
          <li key={file.path} className="flex justify-between gap-4 border-b border-stone-100 px-3 py-1.5 last:border-0 dark:border-stone-800">
            <span className="truncate font-mono">{file.path}</span>
            <span className="shrink-0 tabular-nums text-stone-500">{formatBytes(file.sizeBytes)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
