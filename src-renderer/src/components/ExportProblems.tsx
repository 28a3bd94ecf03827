import type { ExportProblem } from '../../../src-shared/domain/export.ts';
import { frameCountLabel } from '../format.ts';
import type { ExportCheck } from './use-export-check.ts';
import { hint } from './ui.ts';

/**
 * The frames that are not ready, shown as soon as the dialog opens: each with why it is out of date. The list
 * scrolls on its own, so a long one never pushes the preview or the buttons away.
 */
export function ExportProblems({ check }: { check: ExportCheck }) {
  if (check.state === 'checking') return <p className={hint}>Checking the frames…</p>;
  if (check.state === 'failed') {
    return (
      <p role="alert" className="text-sm text-red-800 dark:text-red-200">
        Could not check the frames: {check.message}
      </p>
    );
  }
  const { problems } = check;
  if (problems.length === 0) return null;
  const verb = problems.length === 1 ? 'is' : 'are';
  return (
    <section aria-label="Frames not ready" className="grid gap-1.5 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-900 dark:bg-amber-950/50 dark:text-amber-100">
      <p className="font-semibold">
        {frameCountLabel(problems.length)} {verb} not ready to export:
      </p>
      <ul aria-label="Frames not ready to export" tabIndex={0} className="max-h-48 list-disc overflow-y-auto pl-5">
        {problems.map((p) => (
          <li key={p.frameId}>
            Frame {p.position + 1}: {describeProblem(p)}
          </li>
        ))}
      </ul>
      <p>Generate them first, or export them as marked placeholders (“Not generated”, “Out of date”).</p>
    </section>
  );
}

function describeProblem(problem: ExportProblem): string {
  if (problem.kind === 'missing') return 'not generated yet';
  return problem.reasons.length > 0 ? `out of date (${problem.reasons.join('; ')})` : 'out of date';
}
