import { button } from '../ui.ts';
import { ZOOM_STEP } from './zoom.ts';
import type { Zoom } from './use-zoom.ts';

/** −, the zoom level, +, Fit and 1:1, with their keys in the tooltips. */
export function ZoomControls({ zoom }: { zoom: Zoom }) {
  const percent = zoom.view ? Math.round(zoom.view.scale * 100) : 100;
  return (
    <div role="group" aria-label="Zoom" className="flex items-center gap-1">
      <button type="button" className={button.small} aria-label="Zoom out" title="Zoom out (−)" onClick={() => zoom.zoomBy(1 / ZOOM_STEP)}>
        −
      </button>
      <output data-testid="zoom-level" aria-live="polite" aria-label="Zoom level" className="min-w-[4.5ch] text-center text-xs tabular-nums text-stone-600 dark:text-stone-300">
        {percent}%
      </output>
      <button type="button" className={button.small} aria-label="Zoom in" title="Zoom in (+)" onClick={() => zoom.zoomBy(ZOOM_STEP)}>
        +
      </button>
      <button type="button" className={button.small} aria-pressed={zoom.fitted} title="Show the whole image (F or 0)" onClick={zoom.fit}>
        Fit
      </button>
      <button type="button" className={button.small} aria-pressed={!zoom.fitted && percent === 100} aria-label="Actual size" title="One image pixel per screen pixel (1)" onClick={zoom.actualSize}>
        1:1
      </button>
    </div>
  );
}
