import { useMemo } from 'react';
import type { Job, JobProgress } from '../../../src-shared/domain/index.ts';
import { formatSecondsPerStep } from '../../../src-shared/format/quantities.ts';
import { formatEta, formatFrameRanges, frameCountLabel } from '../format.ts';
import { withShortcut } from '../keyboard/shortcuts.ts';
import { useActions, useApp } from '../state/context.ts';
import { jobOverview } from '../state/jobs.ts';
import { selectCancellableJob, selectGenerateBlocker, selectStaleCount } from '../state/selectors.ts';
import { JobReport } from './JobReport.tsx';
import { StoryConsistency } from './consistency/StoryConsistency.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { CloseIcon, ExportIcon, PlayIcon, RedoIcon, RefreshIcon, StopIcon, UndoIcon } from './icons.tsx';
import { PlayButton } from './player/PlayButton.tsx';
import { ProgressBar } from './ProgressBar.tsx';
import { ShortcutsHelp } from './ShortcutsHelp.tsx';
import { useFrameNumbers } from './use-frame-numbers.ts';
import { useHeightVariable } from './use-height-variable.ts';
import { button, card, hint } from './ui.ts';

/**
 * Generation controls and the job's progress; stays in view while a long story scrolls. Opaque rather
 * than blurred: a backdrop blur is redrawn on every scrolled frame, which software rendering cannot keep up with.
 */
export function Toolbar() {
  const ref = useHeightVariable<HTMLDivElement>('--toolbar-h');
  return (
    <div ref={ref} className="sticky top-14 z-15 -mx-1 grid gap-2 bg-stone-50 px-1 py-2 dark:bg-stone-950">
      <section aria-label="Generation" className={`${card} flex flex-wrap items-center gap-2 px-3 py-2`}>
        <GenerateButtons />
        <JobStatus />
        <UndoRedo />
        <PlayButton />
        <StoryConsistency />
        <ExportButton />
        <ShortcutsHelp />
      </section>
      <JobReport />
    </div>
  );
}

function GenerateButtons() {
  const blocker = useApp(selectGenerateBlocker);
  const staleCount = useApp(selectStaleCount);
  const cancellable = useApp(selectCancellableJob);
  const { generate, regenerateStale, requestCancel } = useActions();
  return (
    <>
      <button type="button" className={button.primary} disabled={blocker !== null} title={blocker ?? withShortcut('Generate every frame', 'generate')} onClick={() => void generate()}>
        <PlayIcon />
        Generate all
      </button>
      <button
        type="button"
        className={button.secondary}
        disabled={blocker !== null || staleCount === 0}
        title={blocker ?? withShortcut('Regenerate the frames made from an earlier version of the story', 'regenerateStale')}
        onClick={() => void regenerateStale()}
      >
        <RefreshIcon />
        Regenerate stale
        {staleCount > 0 && <span className="rounded-full bg-amber-100 px-1.5 text-xs text-amber-900 tabular-nums dark:bg-amber-900/60 dark:text-amber-100">{staleCount}</span>}
      </button>
      <button type="button" className={button.secondary} disabled={!cancellable} title={withShortcut('Cancel the running job', 'cancel')} onClick={() => void requestCancel()}>
        <StopIcon />
        Cancel
      </button>
      <CancelChoice />
    </>
  );
}

/** Asked when Cancel is pressed while other jobs wait: stop only the running one, or every job of the story. */
function CancelChoice() {
  const choice = useApp((s) => s.cancelChoice);
  const { answerCancel } = useActions();
  const waiting = choice?.queued === 1 ? 'Another job is' : `${choice?.queued ?? 0} more jobs are`;
  return (
    <ConfirmDialog
      open={choice !== null}
      title="Cancel the waiting jobs too?"
      message={`${waiting} waiting to run after this one. Frames already generated are kept either way.`}
      dismissLabel="Keep generating"
      alternative={{ label: 'Cancel this job only', onClick: () => void answerCancel('this') }}
      confirmLabel="Cancel all jobs"
      onConfirm={() => void answerCancel('all')}
      onCancel={() => void answerCancel('none')}
    />
  );
}

/** Time left and seconds per step, once the engine has timed two steps. */
function describeSpeed({ etaMs, secondsPerStep }: JobProgress): string {
  const eta = etaMs === null ? 'estimating…' : formatEta(etaMs);
  return secondsPerStep === null ? eta : `${eta} · ${formatSecondsPerStep(secondsPerStep)}`;
}

/** The running job's progress and ETA, and the jobs waiting behind it. */
function JobStatus() {
  const jobs = useApp((s) => s.jobs);
  const { running, queued } = useMemo(() => jobOverview(jobs), [jobs]);
  const numbers = useFrameNumbers();

  if (!running && queued.length === 0) return <p className={`${hint} min-w-28 flex-1 px-2`}>Nothing generating.</p>;
  return (
    <div className="flex min-w-64 flex-1 items-center gap-3 px-2">
      <div className="grid flex-1 gap-1" aria-live="polite">
        <div className="flex justify-between gap-2 text-xs text-stone-600 tabular-nums dark:text-stone-300">
          <span>{running ? describeRunning(running, numbers) : 'Waiting for the engine…'}</span>
          {running?.progress && <span>{describeSpeed(running.progress)}</span>}
        </div>
        <ProgressBar fraction={running?.progress?.fraction ?? 0} label="Job progress" />
      </div>
      <QueuedJobs jobs={running ? queued : queued.slice(1)} />
    </div>
  );
}

function describeRunning(job: Job, numbers: Map<string, number>): string {
  const done = `${job.doneFrameIds.length} of ${frameCountLabel(job.frameIds.length)} done`;
  if (!job.progress) return `Starting · ${done}`;
  const current = job.progress.frameIds.map((id) => numbers.get(id) ?? 0).sort((a, b) => a - b);
  const which = current.length === 1 ? `Frame ${current[0]}` : `Frames ${formatFrameRanges(current)}`;
  return `${which} · step ${job.progress.step} of ${job.progress.totalSteps} · ${done}`;
}

function QueuedJobs({ jobs }: { jobs: Job[] }) {
  const { cancelJob } = useActions();
  if (jobs.length === 0) return null;
  return (
    <ul aria-label="Queued jobs" className="flex gap-1">
      {jobs.map((job, i) => (
        <li key={job.id} className="inline-flex items-center gap-0.5 rounded-full bg-amber-50 py-0.5 pr-0.5 pl-2 text-xs text-amber-900 ring-1 ring-amber-200 ring-inset dark:bg-amber-950/50 dark:text-amber-200 dark:ring-amber-900">
          Next: {frameCountLabel(job.frameIds.length)}
          <button type="button" className="rounded-full p-0.5 hover:bg-amber-100 dark:hover:bg-amber-900 [&_svg]:size-3.5" aria-label={`Cancel queued job ${i + 1}`} title="Cancel this job" onClick={() => void cancelJob(job.id)}>
            <CloseIcon />
          </button>
        </li>
      ))}
    </ul>
  );
}

function UndoRedo() {
  const undoLabel = useApp((s) => s.undoLabel);
  const redoLabel = useApp((s) => s.redoLabel);
  const { undo, redo } = useActions();
  return (
    <div className="flex gap-0.5">
      <button type="button" className={button.icon} aria-label="Undo" title={withShortcut(undoLabel ? `Undo: ${undoLabel}` : 'Nothing to undo', 'undo')} disabled={!undoLabel} onClick={() => void undo()}>
        <UndoIcon />
      </button>
      <button type="button" className={button.icon} aria-label="Redo" title={withShortcut(redoLabel ? `Redo: ${redoLabel}` : 'Nothing to redo', 'redo')} disabled={!redoLabel} onClick={() => void redo()}>
        <RedoIcon />
      </button>
    </div>
  );
}

function ExportButton() {
  const { openExportDialog } = useActions();
  return (
    <button type="button" className={button.secondary} title={withShortcut('Export the story as a PDF, GIF, images or project file', 'export')} onClick={() => openExportDialog(true)}>
      <ExportIcon />
      Export…
    </button>
  );
}
