import { useEffect, useRef } from 'react';

/**
 * Opens a `<dialog>` as a modal while `open`: the browser traps focus and closes it on Escape. showModal focuses the
 * first control, whatever React's autoFocus did before it: an element marked `data-autofocus` (the dialog itself,
 * when its content comes later) takes focus instead.
 */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (open && dialog && !dialog.open) {
      dialog.showModal();
      (dialog.querySelector<HTMLElement>('[data-autofocus]') ?? (dialog.hasAttribute('data-autofocus') ? dialog : null))?.focus();
    }
    if (!open && dialog?.open) dialog.close();
  }, [open]);
  return ref;
}
