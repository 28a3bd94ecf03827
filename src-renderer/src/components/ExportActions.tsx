import { useEffect, useRef } from 'react';
import { useApp } from '../state/context.ts';
import type { ExportPhase } from './ExportStatus.tsx';
import { button } from './ui.ts';
import type { ExportCheck } from './use-export-check.ts';
import type { OnProblems } from '../../../src-shared/domain/export.ts';

interface ExportActionsProps {
  /** what Export makes: "PDF", "GIF"… */
  noun: string;
  phase: ExportPhase;
  check: ExportCheck;
  /** no frames to export */
  empty: boolean;
  onExport(onProblems: OnProblems): void;
  /** queue the frames that are not ready and close */
  onGenerate(): void;
  onCancel(): void;
  onSaveAgain(): void;
  onClose(): void;
}

/**
 * The dialog's buttons. While frames are not ready, generating them is the first choice and exporting with
 * placeholders the second; otherwise Export is.
 */
export function ExportActions({ noun, phase, check, empty, onExport, onGenerate, onCancel, onSaveAgain, onClose }: ExportActionsProps) {
  const cancellable = useApp((s) => s.exportId !== null);
  const exporting = phase.step === 'exporting';
  const problems = check.state === 'ready' ? check.problems.length : 0;
  // The Export button is disabled while the file is made, which drops the keyboard focus: once it is made (or has
  // failed), focus lands on Close rather than on the page behind the dialog.
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (!exporting && lost) closeRef.current?.focus();
  }, [exporting]);
  return (
    <div className="flex flex-wrap items-center justify-end gap-3">
      {empty && <p className="mr-auto text-sm text-stone-500 dark:text-stone-400">Add frames to the story before exporting it.</p>}
      {phase.step === 'done' && !phase.delivered && (
        <button type="button" className={button.secondary} onClick={onSaveAgain}>
          Save…
        </button>
      )}
      {exporting ? (
        <button type="button" className={button.secondary} disabled={!cancellable} onClick={onCancel}>
          Cancel export
        </button>
      ) : (
        <button ref={closeRef} type="button" className={button.secondary} onClick={onClose}>
          Close
        </button>
      )}
      {problems > 0 && !empty ? (
        // Keyed, so the two sets of buttons never morph into each other.
        <span key="problems" className="contents">
          <button type="button" className={button.secondary} disabled={exporting} onClick={() => onExport('placeholder')}>
            Export with placeholders
          </button>
          <button type="button" className={button.primary} disabled={exporting} onClick={onGenerate}>
            Generate them first
          </button>
        </span>
      ) : (
        <button key="export" type="button" className={button.primary} disabled={exporting || empty || check.state === 'checking'} onClick={() => onExport('fail')}>
          Export {noun}
        </button>
      )}
    </div>
  );
}
