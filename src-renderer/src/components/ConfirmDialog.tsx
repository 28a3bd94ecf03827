import { useId } from 'react';
import { button, dialogSurface } from './ui.ts';
import { useModalDialog } from './use-modal-dialog.ts';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
  /** the button that backs out (default "Cancel"), where "Cancel" would mean something else */
  dismissLabel?: string;
  /** a milder third answer, between backing out and confirming */
  alternative?: { label: string; onClick(): void };
}

/** A modal `<dialog>`: the browser traps focus and closes it on Escape. */
export function ConfirmDialog({ open, title, message, confirmLabel, onConfirm, onCancel, dismissLabel = 'Cancel', alternative }: ConfirmDialogProps) {
  const ref = useModalDialog(open);
  const titleId = useId();

  return (
    <dialog
      ref={ref}
      onClose={onCancel}
      aria-labelledby={titleId}
      className={`${dialogSurface} w-full max-w-md p-6`}
    >
      <h2 id={titleId} className="text-lg font-semibold">
        {title}
      </h2>
      <p className="mt-2 text-sm text-stone-600 dark:text-stone-400">{message}</p>
      <div className="mt-6 flex justify-end gap-3">
        <button type="button" className={button.secondary} onClick={onCancel} autoFocus>
          {dismissLabel}
        </button>
        {alternative && (
          <button type="button" className={button.secondary} onClick={alternative.onClick}>
            {alternative.label}
          </button>
        )}
        <button type="button" className={button.danger} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
