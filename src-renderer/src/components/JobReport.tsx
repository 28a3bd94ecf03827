import { useMemo } from 'react';
import { useActions, useApp } from '../state/context.ts';
import { finishedJobReport } from '../state/jobs.ts';
import { NOTICE_TONES } from './Notice.tsx';

/**
 * Why the last job failed, that it was cancelled (and what was kept), or what the engine warned of while it ran (a
 * component run on the CPU, a GPU provider refused for wrong results), until the user closes it or another job
 * starts. Only a failure is an alert: otherwise the frames are there.
 */
export function JobReport() {
  const jobs = useApp((s) => s.jobs);
  const dismissed = useApp((s) => s.dismissedJobReportId);
  const storyWarnings = useApp((s) => s.storyState?.warnings);
  const { dismissJobReport } = useActions();
  const report = useMemo(() => finishedJobReport(jobs, dismissed, storyWarnings ?? []), [jobs, dismissed, storyWarnings]);
  if (!report) return null;
  const { job, warnings } = report;
  const failed = job.status === 'failed';
  return (
    <div role={failed ? 'alert' : 'status'} className={`flex items-start gap-3 rounded-lg border px-4 py-2.5 text-sm ${NOTICE_TONES[failed ? 'danger' : 'warning']}`}>
      <div className="grid flex-1 gap-1">
        {failed ? (
          <p>
            <strong className="font-semibold">Generation failed.</strong> {job.error}
          </p>
        ) : job.status === 'cancelled' ? (
          // the backend's message says that it was cancelled, why, and what was kept
          <p>{job.error ?? 'Generation cancelled.'}</p>
        ) : (
          <p className="font-semibold">Generated, with warnings:</p>
        )}
        {warnings.length > 0 && (
          <ul className="grid list-disc gap-0.5 pl-5 text-xs">
            {warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        )}
      </div>
      <button type="button" onClick={() => dismissJobReport(job.id)} className="font-medium underline-offset-2 hover:underline">
        Dismiss
      </button>
    </div>
  );
}
