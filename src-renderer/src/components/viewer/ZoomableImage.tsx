import { useEffect, useRef, type DragEvent, type PointerEvent } from 'react';
import type { Zoom } from './use-zoom.ts';
import { wheelFactor, type Size } from './zoom.ts';

interface Props {
  src: string;
  alt: string;
  image: Size;
  zoom: Zoom;
  autoFocus: boolean;
  /** the native drag of the image (out of the app); only while the image is not zoomed past the view */
  onDragStart(event: DragEvent<HTMLImageElement>): void;
}

/**
 * The viewed image in a viewport that zooms around the cursor on the wheel and pans on a drag once the image is
 * larger than the view; a double click goes between fit and 1:1.
 */
export function ZoomableImage({ src, alt, image, zoom, autoFocus, onDragStart }: Props) {
  const { view, viewportRef, viewport, pannable } = zoom;
  const drag = useRef<{ x: number; y: number } | null>(null);
  // The latest zoom for the wheel listener, which is added once (React's own wheel listener is passive).
  const zoomRef = useRef(zoom);
  zoomRef.current = zoom;

  // The viewer opens focused on itself while its pictures load: the first picture shown takes the focus from it.
  useEffect(() => {
    if (viewport && document.activeElement === viewport.closest('dialog')) viewport.focus();
  }, [viewport]);

  useEffect(() => {
    if (!viewport) return;
    const onWheel = (event: WheelEvent) => {
      if (event.deltaY === 0) return;
      event.preventDefault();
      const box = viewport.getBoundingClientRect();
      zoomRef.current.zoomBy(wheelFactor(event.deltaY), { x: event.clientX - box.left, y: event.clientY - box.top });
    };
    viewport.addEventListener('wheel', onWheel, { passive: false });
    return () => viewport.removeEventListener('wheel', onWheel);
  }, [viewport]);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (!pannable || event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, y: event.clientY };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    zoom.pan(event.clientX - drag.current.x, event.clientY - drag.current.y);
    drag.current = { x: event.clientX, y: event.clientY };
  };
  const endDrag = () => {
    drag.current = null;
  };

  return (
    <div
      ref={viewportRef}
      data-testid="viewer-viewport"
      tabIndex={0}
      // only where the image had focus on the previous frame
      autoFocus={autoFocus}
      role="group"
      aria-roledescription="zoomable image"
      aria-label={`${alt}. Zoom with + and −, fit with F, 1:1 with 1; pan with Shift and the arrow keys.`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      onDoubleClick={() => (zoom.fitted ? zoom.actualSize() : zoom.fit())}
      className={`relative size-full touch-none overflow-hidden rounded-lg bg-stone-100 outline-offset-2 select-none focus-visible:outline-2 focus-visible:outline-teal-600 dark:bg-stone-950 ${
        pannable ? 'cursor-grab active:cursor-grabbing' : ''
      }`}
    >
      {view && (
        <img
          src={src}
          alt={alt}
          draggable={!pannable}
          onDragStart={onDragStart}
          style={{ width: image.width, height: image.height, transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})` }}
          className={`absolute top-0 left-0 max-w-none origin-top-left ${view.scale >= 2 ? '[image-rendering:pixelated]' : ''}`}
        />
      )}
    </div>
  );
}
