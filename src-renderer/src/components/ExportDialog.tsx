import { useId, useRef, useState } from 'react';
import type { OnProblems } from '../../../src-shared/domain/export.ts';
import { useActions, useApp } from '../state/context.ts';
import { selectFrames } from '../state/selectors.ts';
import { exportRequest, formatInfo, loadExportChoices, saveExportChoices, showsProblems, type ExportChoices } from './export-choices.ts';
import { ExportActions } from './ExportActions.tsx';
import { CloseIcon } from './icons.tsx';
import { ExportFormatTabs, ExportOptions } from './ExportOptions.tsx';
import { ExportPreview } from './ExportPreview.tsx';
import { ExportProblems } from './ExportProblems.tsx';
import { ExportStatus, type ExportPhase } from './ExportStatus.tsx';
import { button, dialogSurface } from './ui.ts';
import { useExportCheck } from './use-export-check.ts';
import { useModalDialog } from './use-modal-dialog.ts';

/**
 * The export dialog: a format and its options beside a live preview. As it opens it lists the frames that are
 * not ready, offering to generate them first or to export them as placeholders; it makes the file while a
 * progress bar runs, and hands it over: a download in browser mode, the save dialog in Electron.
 */
export function ExportDialog({ projectId }: { projectId: string }) {
  const open = useApp((s) => s.exportDialogOpen);
  const name = useApp((s) => s.story?.project.name ?? '');
  const frameCount = useApp((s) => selectFrames(s).length);
  const { openExportDialog, createExport, cancelExport, deliverExport, generateNotReady } = useActions();
  const ref = useModalDialog(open);
  const titleId = useId();
  const panelId = useId();
  // Choices outlive the dialog and the page (see loadExportChoices), so the next export starts from the last one.
  const [choices, setChoices] = useState<ExportChoices>(() => loadExportChoices(window.localStorage, projectId));
  const [phase, setPhase] = useState<ExportPhase>({ step: 'choosing' });
  const check = useExportCheck(open && showsProblems(choices.format));
  // Closing or starting over makes the steps of an earlier run land nowhere.
  const run = useRef(0);
  // The run the user cancelled: its failure is the cancellation, not news.
  const cancelledRun = useRef(0);
  const busy = phase.step === 'exporting';
  const empty = frameCount === 0 && showsProblems(choices.format);

  const close = () => {
    run.current++;
    setPhase({ step: 'choosing' });
    openExportDialog(false);
  };

  const choose = (next: ExportChoices) => {
    setChoices(next);
    saveExportChoices(window.localStorage, projectId, next);
    setPhase({ step: 'choosing' });
  };

  const start = async (onProblems: OnProblems) => {
    const id = ++run.current;
    const step = (next: ExportPhase) => id === run.current && setPhase(next);
    try {
      step({ step: 'exporting', noun: formatInfo(choices.format).noun });
      const created = await createExport(exportRequest(choices, onProblems));
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
      // open:flex, never flex: a display utility would show the closed dialog (see styles.css).
      className={`${dialogSurface} max-h-[calc(100vh-2rem)] w-[min(72rem,calc(100vw-2rem))] flex-col p-0 open:flex`}
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
              {!empty && <ExportProblems check={check} />}
            </div>
            <section aria-label="Preview" className="grid min-h-64 content-center rounded-lg bg-stone-100 p-4 dark:bg-stone-950">
              <ExportPreview choices={choices} />
            </section>
          </div>
          <footer className="grid gap-3 border-t border-stone-200 px-5 py-3 dark:border-stone-800">
            <ExportStatus phase={phase} />
            <ExportActions
              noun={formatInfo(choices.format).noun}
              phase={phase}
              check={check}
              empty={empty}
              onExport={(onProblems) => void start(onProblems)}
              onGenerate={() => void generateNotReady()}
              onCancel={() => void cancel()}
              onSaveAgain={() => void saveAgain()}
              onClose={close}
            />
          </footer>
        </>
      )}
    </dialog>
  );
}
