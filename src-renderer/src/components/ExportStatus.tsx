import type { MethodOutput } from '../../../src-shared/contract/index.ts';
import { frameCountLabel } from '../format.ts';
import { useApp } from '../state/context.ts';
import { ProgressBar } from './ProgressBar.tsx';
import { hint } from './ui.ts';
import { formatBytes } from '../../../src-shared/format/quantities.ts';

export type ExportPhase =
  | { step: 'choosing' }
  | { step: 'exporting'; noun: string }
  | { step: 'done'; created: MethodOutput<'exports.create'>; delivered: boolean }
  | { step: 'failed'; message: string }
  | { step: 'cancelled' };

/** Where the export has got: the progress, the result or why it failed. */
export function ExportStatus({ phase }: { phase: ExportPhase }) {
  switch (phase.step) {
    case 'choosing':
      return null;
    case 'exporting':
      return <ExportProgress noun={phase.noun} />;
    case 'done':
      return <ExportDone created={phase.created} delivered={phase.delivered} />;
    case 'cancelled':
      return (
        <p role="status" className={hint}>
          Export cancelled; no file was written.
        </p>
      );
    case 'failed':
      return (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm whitespace-pre-line text-red-800 dark:border-red-900 dark:bg-red-950/60 dark:text-red-200">
          <strong className="font-semibold">The export failed.</strong> {phase.message}
        </p>
      );
  }
}

function ExportProgress({ noun }: { noun: string }) {
  const fraction = useApp((s) => s.exportProgress ?? 0);
  return (
    <div className="grid gap-1.5" aria-live="polite">
      <p className="text-sm text-stone-600 dark:text-stone-300">Exporting the {noun}…</p>
      <ProgressBar fraction={fraction} label="Export progress" />
    </div>
  );
}

function ExportDone({ created, delivered }: { created: MethodOutput<'exports.create'>; delivered: boolean }) {
  return (
    <div role="status" className="grid gap-1 text-sm">
      <p>
        Exported <strong className="font-semibold">{created.fileName}</strong> ({formatBytes(created.bytes)})
        {created.problems.length > 0 && `, with ${frameCountLabel(created.problems.length)} as placeholders`}.{!delivered && ' It was not saved.'}
      </p>
      {created.warnings.map((warning) => (
        <p key={warning} className="text-amber-800 dark:text-amber-300">
          {warning}
        </p>
      ))}
    </div>
  );
}
