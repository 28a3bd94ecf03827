// Zoom and pan of one image in a viewport, as pure numbers: the viewer's wheel, keys, buttons and drags all go
// through here, so the image never drifts off screen and the point under the cursor stays put while zooming.

export interface Size {
  width: number;
  height: number;
}

/** scale 1 is 1:1 (one image pixel per CSS pixel); x and y place the image's top-left corner in the viewport */
export interface View {
  scale: number;
  x: number;
  y: number;
}

/** One press of + or −. */
export const ZOOM_STEP = 1.25;
/** How far past the larger of "fit" and 1:1 zooming in may go. */
const MAX_ZOOM_FACTOR = 8;

/** The scale at which the whole image fills the viewport (larger than 1 for small images). */
export function fitScale(image: Size, viewport: Size): number {
  if (image.width <= 0 || image.height <= 0 || viewport.width <= 0 || viewport.height <= 0) return 1;
  return Math.min(viewport.width / image.width, viewport.height / image.height);
}

/** Zooming out stops once the whole image shows (or at 1:1 if that is smaller); zooming in stops at 8× the larger. */
export function scaleLimits(image: Size, viewport: Size): { min: number; max: number } {
  const fit = fitScale(image, viewport);
  return { min: Math.min(fit, 1), max: Math.max(fit, 1) * MAX_ZOOM_FACTOR };
}

/** The whole image, centred. */
export function fitView(image: Size, viewport: Size): View {
  return centredAt(fitScale(image, viewport), image, viewport);
}

/** One image pixel per screen pixel, centred (then clamped). */
export function actualSizeView(image: Size, viewport: Size): View {
  return centredAt(1, image, viewport);
}

/**
 * The view at `scale` (within the limits) with the image point under `anchor` (viewport coordinates; the viewport's
 * centre when omitted) still under it.
 */
export function zoomTo(view: View, scale: number, image: Size, viewport: Size, anchor?: { x: number; y: number }): View {
  const { min, max } = scaleLimits(image, viewport);
  const next = Math.min(max, Math.max(min, scale));
  const at = anchor ?? { x: viewport.width / 2, y: viewport.height / 2 };
  const ratio = next / view.scale;
  return clampView({ scale: next, x: at.x - (at.x - view.x) * ratio, y: at.y - (at.y - view.y) * ratio }, image, viewport);
}

/** Zooms by `factor` (above 1 in, below 1 out) around `anchor`. */
export function zoomBy(view: View, factor: number, image: Size, viewport: Size, anchor?: { x: number; y: number }): View {
  return zoomTo(view, view.scale * factor, image, viewport, anchor);
}

/** The wheel's zoom factor: a notch (100 px) is about one key press, trackpads' small deltas zoom smoothly. */
export function wheelFactor(deltaY: number): number {
  return Math.pow(ZOOM_STEP, -deltaY / 100);
}

/** Moves the image by (dx, dy) screen pixels, as far as it can go. */
export function panBy(view: View, dx: number, dy: number, image: Size, viewport: Size): View {
  return clampView({ ...view, x: view.x + dx, y: view.y + dy }, image, viewport);
}

/** Whether the image is larger than the viewport in either direction, so there is something to pan to. */
export function canPan(view: View, image: Size, viewport: Size): boolean {
  return image.width * view.scale > viewport.width + 0.5 || image.height * view.scale > viewport.height + 0.5;
}

/** Keeps the image covering the viewport where it is larger, and centred where it is smaller. */
export function clampView(view: View, image: Size, viewport: Size): View {
  return {
    scale: view.scale,
    x: clampAxis(view.x, image.width * view.scale, viewport.width),
    y: clampAxis(view.y, image.height * view.scale, viewport.height),
  };
}

function clampAxis(offset: number, shown: number, available: number): number {
  if (shown <= available) return (available - shown) / 2;
  return Math.min(0, Math.max(available - shown, offset));
}

function centredAt(scale: number, image: Size, viewport: Size): View {
  return clampView({ scale, x: (viewport.width - image.width * scale) / 2, y: (viewport.height - image.height * scale) / 2 }, image, viewport);
}
