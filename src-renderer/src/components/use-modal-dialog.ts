import { useEffect, useRef } from 'react';

/** Opens a `<dialog>` as a modal while `open`: the browser traps focus and closes it on Escape. */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (open && !dialog?.open) dialog?.showModal();
    if (!open && dialog?.open) dialog.close();
  }, [open]);
  return ref;
}
