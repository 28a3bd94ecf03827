import { useCallback, useEffect, useState } from 'react';
import { actualSizeView, canPan, fitView, panBy, zoomBy, type Size, type View } from './zoom.ts';

export interface Zoom {
  /** null until the viewport has been measured */
  view: View | null;
  /** the view is "fit" and follows the viewport's size */
  fitted: boolean;
  /** the image is larger than the viewport, so a drag pans */
  pannable: boolean;
  /** the viewport's callback ref: it may appear after the first render (once the variants are read) */
  viewportRef(element: HTMLDivElement | null): void;
  viewport: HTMLDivElement | null;
  zoomBy(factor: number, anchor?: { x: number; y: number }): void;
  fit(): void;
  actualSize(): void;
  pan(dx: number, dy: number): void;
}

/** Zoom and pan state for one image in a measured viewport; starts at "fit" and refits on resize while fitted. */
export function useZoom(image: Size): Zoom {
  const [element, setElement] = useState<HTMLDivElement | null>(null);
  const [viewport, setViewport] = useState<Size | null>(null);
  const [state, setState] = useState<{ view: View | null; fitted: boolean }>({ view: null, fitted: true });

  useEffect(() => {
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setViewport({ width: entry.contentRect.width, height: entry.contentRect.height }));
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);

  const { width, height } = image;
  // Fitted views follow the viewport (and a new image); a zoomed one stays as the user left it.
  useEffect(() => {
    if (viewport && state.fitted) setState({ view: fitView({ width, height }, viewport), fitted: true });
  }, [viewport, width, height, state.fitted]);

  const change = useCallback(
    (next: (view: View, viewport: Size) => View, fitted = false) => {
      if (!viewport) return;
      setState((s) => ({ view: next(s.view ?? fitView({ width, height }, viewport), viewport), fitted }));
    },
    [viewport, width, height],
  );

  const size = { width, height };
  return {
    view: state.view,
    fitted: state.fitted,
    pannable: state.view !== null && viewport !== null && canPan(state.view, size, viewport),
    viewportRef: setElement,
    viewport: element,
    zoomBy: (factor, anchor) => change((view, vp) => zoomBy(view, factor, size, vp, anchor)),
    fit: () => change((_, vp) => fitView(size, vp), true),
    actualSize: () => change((_, vp) => actualSizeView(size, vp)),
    pan: (dx, dy) => change((view, vp) => panBy(view, dx, dy, size, vp)),
  };
}
