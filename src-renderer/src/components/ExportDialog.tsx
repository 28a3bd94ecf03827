import { Fragment, useId, useRef, useState } from 'react';
import type { OnProblems } from '../../../src-shared/domain/export.ts';
import { useActions, useApp } from '../state/context.ts';
import { selectFrames } from '../state/selectors.ts';
import { exportRequest, formatInfo, INITIAL_CHOICES, showsProblems, type ExportChoices } from './export-choices.ts';
import { CloseIcon } from './icons.tsx';
import { ExportFormatTabs, ExportOptions } from './ExportOptions.tsx';
import { ExportPreview } from './ExportPreview.tsx';
import { ExportStatus, type ExportPhase } from './ExportStatus.tsx';
import { button, dialogSurface } from './ui.ts';
import { useModalDialog } from './use-modal-dialog.ts';

/**
 * The export dialog: a format and its options beside a live preview; Export asks the backend which frames are
 * not ready (the user then exports them as placeholders, or cancels), makes the file while a progress bar
 * runs, and hands it over: a download in browser mode, the save dialog in Electron.
 */
export function ExportDialog() {
  const open = useApp((s) => s.exportDialogOpen);
  const name = useApp((s) => s.story?.project.name ?? '');
  const frameCount = useApp((s) => selectFrames(s).length);
  const { openExportDialog, checkExport, createExport, cancelExport, deliverExport } = useActions();
  const cancellable = useApp((s) => s.exportId !== null);
  const ref = useModalDialog(open);
  const titleId = useId();
  const panelId = useId();
  // Choices outlive the dialog, so the next export starts from the last one.
  const [choices, setChoices] = useState<ExportChoices>(INITIAL_CHOICES);
  const [phase, setPhase] = useState<ExportPhase>({ step: 'choosing' });
  // Closing or starting over makes the steps of an earlier run land nowhere.
  const run = useRef(0);
  // The run the user cancelled: its failure is the cancellation, not news.
  const cancelledRun = useRef(0);
  const busy = phase.step === 'checking' || phase.step === 'exporting';
  const { noun } = formatInfo(choices.format);
  const empty = frameCount === 0 && showsProblems(choices.format);

  const close = () => {
    run.current++;
    setPhase({ step: 'choosing' });
    openExportDialog(false);
  };

  const choose = (next: ExportChoices) => {
    setChoices(next);
    setPhase({ step: 'choosing' });
  };

  /** onProblems null: ask about problems first. */
  const start = async (onProblems: OnProblems | null) => {
    const id = ++run.current;
    const step = (next: ExportPhase) => id === run.current && setPhase(next);
    try {
      if (onProblems === null && showsProblems(choices.format)) {
        step({ step: 'checking' });
        const { problems } = await checkExport();
        if (problems.length > 0) return step({ step: 'problems', problems });
      }
      step({ step: 'exporting', noun });
      const created = await createExport(exportRequest(choices, onProblems ?? 'fail'));
      if (id !== run.current) return;
      step({ step: 'done', created, delivered: await deliverExport(created) });
    } catch (err) {
      step(cancelledRun.current === id ? { step: 'cancelled' } : { step: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  };

  const cancel = async () => {
    cancelledRun.current = run.current;
    try {
      await cancelExport();
    } catch (err) {
      setPhase({ step: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  };

  const saveAgain = async () => {
    if (phase.step !== 'done') return;
    try {
      setPhase({ ...phase, delivered: await deliverExport(phase.created) });
    } catch (err) {
      setPhase({ step: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  };

  return (
    <dialog
      ref={ref}
      onClose={close}
      // Escape waits while the file is being made.
      onCancel={(event) => busy && event.preventDefault()}
      aria-labelledby={titleId}
      className={`${dialogSurface} flex max-h-[calc(100vh-2rem)] w-[min(72rem,calc(100vw-2rem))] flex-col p-0`}
    >
      {open && (
        <>
          <header className="flex items-center gap-3 border-b border-stone-200 px-5 py-3 dark:border-stone-800">
            <h2 id={titleId} className="min-w-0 flex-1 truncate text-lg font-semibold">
              Export “{name}”
            </h2>
            <button type="button" className={button.icon} aria-label="Close the dialog" disabled={busy} onClick={close}>
              <CloseIcon />
            </button>
          </header>
          <div className="grid min-h-0 flex-1 gap-5 overflow-y-auto p-5 md:grid-cols-[20rem_minmax(0,1fr)]">
            <div className="grid content-start gap-4">
              <ExportFormatTabs format={choices.format} panelId={panelId} disabled={busy} onChange={(format) => choose({ ...choices, format })} />
              <fieldset id={panelId} role="tabpanel" aria-label={`${formatInfo(choices.format).label} options`} disabled={busy} className="min-w-0">
                <ExportOptions choices={choices} onChange={choose} />
              </fieldset>
            </div>
            <section aria-label="Preview" className="grid min-h-64 content-center rounded-lg bg-stone-100 p-4 dark:bg-stone-950">
              <ExportPreview choices={choices} />
            </section>
          </div>
          <footer className="grid gap-3 border-t border-stone-200 px-5 py-3 dark:border-stone-800">
            <ExportStatus phase={phase} />
            <div className="flex flex-wrap items-center justify-end gap-3">
              {empty && <p className="mr-auto text-sm text-stone-500 dark:text-stone-400">Add frames to the story before exporting it.</p>}
              {/* Keyed, so the two sets of buttons never morph into each other. */}
              {phase.step === 'problems' ? (
                <Fragment key="problems">
                  <button type="button" className={button.secondary} onClick={() => setPhase({ step: 'choosing' })}>
                    Cancel
                  </button>
                  <button type="button" className={button.primary} autoFocus onClick={() => void start('placeholder')}>
                    Export with placeholders
                  </button>
                </Fragment>
              ) : (
                <Fragment key="export">
                  {phase.step === 'done' && !phase.delivered && (
                    <button type="button" className={button.secondary} onClick={() => void saveAgain()}>
                      Save…
                    </button>
                  )}
                  {phase.step === 'exporting' ? (
                    <button type="button" className={button.secondary} disabled={!cancellable} onClick={() => void cancel()}>
                      Cancel export
                    </button>
                  ) : (
                    <button type="button" className={button.secondary} disabled={busy} onClick={close}>
                      Close
                    </button>
                  )}
                  <button type="button" className={button.primary} disabled={busy || empty} onClick={() => void start(null)}>
                    Export {noun}
                  </button>
                </Fragment>
              )}
            </div>
          </footer>
        </>
      )}
    </dialog>
  );
}
