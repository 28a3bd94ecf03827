// Missing and out-of-date frames are reported before anything is written, never skipped in silence.
import type { ExportProblem, OnProblems } from '../../src-shared/domain/export.ts';
import { ExportError } from './errors.ts';
import type { StorySnapshot } from './snapshot.ts';

/** Throws unless the story can be exported as asked: it has frames, and problems are allowed or absent. */
export function assertExportable(snapshot: StorySnapshot, onProblems: OnProblems): void {
  if (snapshot.frames.length === 0) {
    throw new ExportError('empty_story', `"${snapshot.project.name}" has no frames; add some before exporting it`);
  }
  if (onProblems === 'fail' && snapshot.problems.length > 0) {
    throw new ExportError('problems', describeProblems(snapshot.problems));
  }
}

/** `advice` says what the reader can do about them, in the words of where they read it (the CLI names its commands). */
export function describeProblems(
  problems: readonly ExportProblem[],
  advice = 'Generate them again, keep them as they are, or export with placeholders for them.',
): string {
  const lines = problems.map(
    (p) => `  frame ${p.position + 1}: ${p.kind === 'missing' ? 'not generated yet' : `out of date (${p.reasons.join('; ')})`}`,
  );
  const count = problems.length === 1 ? '1 frame is' : `${problems.length} frames are`;
  return [`${count} not ready to export:`, ...lines, advice].join('\n');
}
