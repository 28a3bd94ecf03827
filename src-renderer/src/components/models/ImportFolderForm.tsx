import { useId, useRef, useState, type FormEvent } from 'react';
import { useActions, useApp } from '../../state/context.ts';
import { ProgressBar } from '../ProgressBar.tsx';
import { button, card, fieldLabel, hint, input, sectionHeading } from '../ui.ts';
import { formatBytes } from '../../../../src-shared/format/quantities.ts';

/** The path field's id, so "Import a folder instead" elsewhere on the page can take the user here. */
export const IMPORT_PATH_ID = 'import-folder-path';

type Mode = 'copy' | 'register';

const MODES: Array<{ value: Mode; label: string; about: string }> = [
  { value: 'copy', label: 'Copy into the library', about: 'Onestory keeps its own copy; the original can go.' },
  { value: 'register', label: 'Use it where it is', about: 'Nothing is copied; the folder must stay where it is. Removing the model never deletes it.' },
];

/**
 * The folder is named by its path: browser mode cannot open a folder dialog on the server's disk. The backend
 * validates it as the pipeline does, and its refusal (which file, what to do) is shown word for word.
 */
export function ImportFolderForm() {
  const { importModel, cancelImport } = useActions();
  const progress = useApp((s) => s.importProgress);
  const [path, setPath] = useState('');
  const [mode, setMode] = useState<Mode>('copy');
  const [problem, setProblem] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  /** whether the user cancelled the import under way; read when it ends, where `cancelling` would be stale */
  const cancelled = useRef(false);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const folder = path.trim();
    if (!folder) return setProblem('Type the path of a model folder.');
    setBusy(true);
    setOutcome(null);
    cancelled.current = false;
    const { refusal, warnings } = await importModel(folder, mode);
    setBusy(false);
    setCancelling(false);
    if (refusal && cancelled.current) {
      // The user's own doing, not a problem with the folder.
      setProblem(null);
      setOutcome(`Import of ${folder} cancelled; nothing was kept.`);
    } else {
      setProblem(refusal);
      if (!refusal) {
        setOutcome([`Added ${folder} to the library.`, ...warnings].join(' '));
        setPath('');
      }
    }
  };

  const cancel = (importId: string) => {
    cancelled.current = true;
    setCancelling(true);
    void cancelImport(importId);
  };

  return (
    <section aria-labelledby={`${id}-heading`} className={`${card} grid gap-3 p-5`}>
      <h2 id={`${id}-heading`} className={sectionHeading}>
        Import a folder
      </h2>
      <form onSubmit={(event) => void submit(event)} className="grid gap-3">
        <div className="grid gap-1.5">
          <label htmlFor={IMPORT_PATH_ID} className={fieldLabel}>
            Folder path
          </label>
          <input
            id={IMPORT_PATH_ID}
            value={path}
            placeholder="/home/me/models/sdxl-turbo-onnx"
            aria-invalid={problem !== null}
            aria-describedby={`${id}-about`}
            onChange={(event) => {
              setPath(event.target.value);
              setProblem(null);
            }}
            className={`${input} font-mono text-xs`}
          />
          <p id={`${id}-about`} className={hint}>
            A Stable Diffusion model in the diffusers ONNX layout (model_index.json, unet/, text_encoder/, vae_decoder/ …), on the computer Onestory runs on.
          </p>
        </div>
        <fieldset className="grid gap-2">
          <legend className={`${fieldLabel} mb-1`}>How</legend>
          {MODES.map((m) => (
            <label key={m.value} className="flex items-start gap-2 text-sm">
              <input type="radio" name={`${id}-mode`} value={m.value} checked={mode === m.value} onChange={() => setMode(m.value)} className="mt-1 accent-teal-700" />
              <span>
                {m.label}
                <span className={`${hint} block`}>{m.about}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {problem && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {problem}
          </p>
        )}
        {outcome && (
          <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
            {outcome}
          </p>
        )}
        {busy && progress && (
          <div className="grid gap-1">
            <div className="flex items-center gap-2">
              <ProgressBar fraction={progress.totalBytes > 0 ? progress.copiedBytes / progress.totalBytes : 0} label="Import progress" className="flex-1" />
              <button type="button" className={button.small} disabled={cancelling} onClick={() => cancel(progress.importId)}>
                {cancelling ? 'Cancelling…' : 'Cancel'}
              </button>
            </div>
            <p className={hint}>
              Copying {formatBytes(progress.copiedBytes)} of {formatBytes(progress.totalBytes)}
            </p>
          </div>
        )}
        <button type="submit" className={`${button.primary} w-fit`} disabled={busy}>
          {busy ? (mode === 'copy' ? 'Checking and copying…' : 'Checking…') : 'Import'}
        </button>
      </form>
    </section>
  );
}
