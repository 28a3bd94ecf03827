// The viewer's zoom and pan: fit and 1:1, the point under the cursor stays put, and the image never leaves the view.
import { describe, expect, it } from 'vitest';
import { actualSizeView, canPan, clampView, fitScale, fitView, panBy, scaleLimits, wheelFactor, zoomBy, zoomTo, ZOOM_STEP } from './zoom.ts';

const image = { width: 1344, height: 768 };
const viewport = { width: 800, height: 600 };

describe('fit and 1:1', () => {
  it('fits the longer side and centres the other', () => {
    expect(fitScale(image, viewport)).toBeCloseTo(800 / 1344);
    const view = fitView(image, viewport);
    expect(view.x).toBeCloseTo(0);
    expect(view.y).toBeCloseTo((600 - 768 * (800 / 1344)) / 2);
    expect(canPan(view, image, viewport)).toBe(false);
  });

  it('enlarges a small image to fit, and shows it centred at 1:1', () => {
    const small = { width: 64, height: 64 };
    expect(fitScale(small, viewport)).toBe(600 / 64);
    expect(actualSizeView(small, viewport)).toEqual({ scale: 1, x: 368, y: 268 });
  });

  it('shows the middle of a large image at 1:1', () => {
    expect(actualSizeView(image, viewport)).toEqual({ scale: 1, x: -272, y: -84 });
  });

  it('treats an unmeasured viewport as 1:1 rather than dividing by zero', () => {
    expect(fitScale(image, { width: 0, height: 0 })).toBe(1);
  });
});

describe('zooming', () => {
  it('keeps the image point under the cursor where it was', () => {
    const start = actualSizeView(image, viewport);
    const cursor = { x: 100, y: 450 };
    const imagePoint = { x: (cursor.x - start.x) / start.scale, y: (cursor.y - start.y) / start.scale };
    const zoomed = zoomBy(start, 2, image, viewport, cursor);
    expect(zoomed.scale).toBe(2);
    expect(zoomed.x + imagePoint.x * zoomed.scale).toBeCloseTo(cursor.x);
    expect(zoomed.y + imagePoint.y * zoomed.scale).toBeCloseTo(cursor.y);
  });

  it('zooms around the centre without an anchor', () => {
    const zoomed = zoomBy(actualSizeView(image, viewport), ZOOM_STEP, image, viewport);
    expect(zoomed.x + (1344 / 2) * zoomed.scale).toBeCloseTo(400);
    expect(zoomed.y + (768 / 2) * zoomed.scale).toBeCloseTo(300);
  });

  it('stops zooming out at fit and zooming in at eight times the larger of fit and 1:1', () => {
    const { min, max } = scaleLimits(image, viewport);
    expect(min).toBeCloseTo(800 / 1344);
    expect(max).toBe(8);
    expect(zoomTo(fitView(image, viewport), 0.01, image, viewport).scale).toBeCloseTo(min);
    expect(zoomTo(fitView(image, viewport), 100, image, viewport).scale).toBe(8);
  });

  it('lets a small image shrink to 1:1 but not below', () => {
    const small = { width: 64, height: 64 };
    expect(scaleLimits(small, viewport).min).toBe(1);
    expect(scaleLimits(small, viewport).max).toBe(75);
  });

  it('zooms in on a wheel turn away from the user and out on one towards them', () => {
    expect(wheelFactor(-100)).toBeCloseTo(ZOOM_STEP);
    expect(wheelFactor(100)).toBeCloseTo(1 / ZOOM_STEP);
    expect(wheelFactor(0)).toBe(1);
  });
});

describe('panning', () => {
  it('moves a zoomed image, but never past its edges', () => {
    const view = actualSizeView(image, viewport);
    expect(canPan(view, image, viewport)).toBe(true);
    expect(panBy(view, 50, 20, image, viewport)).toEqual({ scale: 1, x: -222, y: -64 });
    expect(panBy(view, 10_000, 10_000, image, viewport)).toEqual({ scale: 1, x: 0, y: 0 });
    expect(panBy(view, -10_000, -10_000, image, viewport)).toEqual({ scale: 1, x: 800 - 1344, y: 600 - 768 });
  });

  it('keeps an image smaller than the view centred whatever the drag', () => {
    const view = fitView(image, viewport);
    expect(panBy(view, 0, 300, image, viewport)).toEqual(view);
    expect(clampView({ scale: 0.5, x: -400, y: 900 }, image, viewport)).toEqual({ scale: 0.5, x: 64, y: 108 });
  });
});
