import { useEffect, useRef } from 'react';
import { useActions, useApp } from '../../state/context.ts';
import { selectFrames } from '../../state/selectors.ts';
import { useModalDialog } from '../use-modal-dialog.ts';
import { ViewerContent } from './ViewerContent.tsx';

/** A frame shown large, with its variants to zoom into, compare and choose from; ← / → go through the story. Escape closes it. */
export function FrameViewer() {
  const frameId = useApp((s) => s.viewerFrameId);
  const frames = useApp(selectFrames);
  const index = frames.findIndex((f) => f.id === frameId);
  const frame = index >= 0 ? frames[index] : undefined;
  const { openViewer } = useActions();
  const ref = useModalDialog(frame !== undefined);
  // The control that had focus when going to another frame, found again once that frame's content is in place.
  const focusedLabel = useRef<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog?.open || (document.activeElement && dialog.contains(document.activeElement) && document.activeElement !== dialog)) return;
    const label = focusedLabel.current;
    const again = label ? dialog.querySelector<HTMLElement>(`[aria-label="${CSS.escape(label)}"]:not(:disabled)`) : null;
    (again ?? dialog.querySelector<HTMLElement>('[data-testid="viewer-viewport"]') ?? dialog).focus();
  }, [frameId, ref]);

  const go = (delta: number) => {
    const next = frames[index + delta];
    if (!next) return;
    focusedLabel.current = document.activeElement?.getAttribute('aria-label') ?? null;
    openViewer(next.id);
  };

  return (
    <dialog
      ref={ref}
      onClose={() => openViewer(null)}
      aria-labelledby="viewer-title"
      className="m-auto h-[calc(100vh-2rem)] w-[calc(100vw-2rem)] max-w-[100rem] overflow-hidden rounded-xl border border-stone-200 bg-white text-stone-900 shadow-2xl backdrop:bg-stone-950/70 dark:border-stone-800 dark:bg-stone-900 dark:text-stone-100"
    >
      {frame && <ViewerContent key={frame.id} frame={frame} index={index} count={frames.length} onGo={go} onClose={() => openViewer(null)} />}
    </dialog>
  );
}
