import { useEffect, useRef, useState } from 'react';
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
  // Going to another frame replaces the content: focus goes back to the control that had it (found by its name),
  // or to the image once it is there, so that ← / → keep working.
  const focusedLabel = useRef<string | null>(null);
  const [focusImage, setFocusImage] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    const active = document.activeElement;
    if (!dialog?.open || (active && active !== dialog && dialog.contains(active))) return;
    const label = focusedLabel.current;
    // on opening, the picture (the viewer's keys work from there), else the dialog until the picture comes
    const candidates = label ? [`[aria-label="${CSS.escape(label)}"]`, '[aria-label="Next frame"]', '[aria-label="Previous frame"]', '[aria-label="Close"]'] : ['[data-testid="viewer-viewport"]'];
    const target = candidates.map((selector) => dialog.querySelector<HTMLElement>(`${selector}:not(:disabled)`)).find((element) => element !== null);
    (target ?? dialog).focus();
  }, [frameId, ref]);

  // the next opening starts afresh, on the picture
  const close = () => {
    focusedLabel.current = null;
    setFocusImage(false);
    openViewer(null);
  };

  const go = (delta: number) => {
    const next = frames[index + delta];
    if (!next) return;
    const active = document.activeElement;
    setFocusImage(active instanceof HTMLElement && active.dataset.testid === 'viewer-viewport');
    focusedLabel.current = active?.getAttribute('aria-label') ?? null;
    openViewer(next.id);
  };

  return (
    <dialog
      ref={ref}
      onClose={close}
      aria-labelledby="viewer-title"
      // opens focused itself (its keys work there), not on a button that would wear a focus ring; the picture takes
      // the focus once it is shown (ZoomableImage)
      tabIndex={-1}
      data-autofocus
      className="m-auto h-[calc(100vh-2rem)] w-[calc(100vw-2rem)] max-w-[100rem] overflow-hidden rounded-xl border border-stone-200 bg-white text-stone-900 shadow-2xl backdrop:bg-stone-950/70 dark:border-stone-800 dark:bg-stone-900 dark:text-stone-100"
    >
      {frame && <ViewerContent key={frame.id} frame={frame} index={index} count={frames.length} focusImage={focusImage} onGo={go} onClose={close} />}
    </dialog>
  );
}
