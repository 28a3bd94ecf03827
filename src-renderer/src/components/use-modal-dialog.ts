import { useEffect, useRef } from 'react';

/**
 * Opens a `<dialog>` as a modal while `open`: the browser traps focus and closes it on Escape. showModal focuses the
 * first control, whatever React's autoFocus did before it: an element marked `data-autofocus` takes focus instead.
 */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (open && dialog && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    if (!open && dialog?.open) dialog.close();
  }, [open]);
  return ref;
}
