const STEPS: Record<string, number> = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 10, PageDown: -10 };

/**
 * How many steps a key moves a slider of our own: →/↑ one on, ←/↓ one back, Page Up/Down ten, and Shift ten
 * times as many; 0 for any other key.
 */
export function sliderSteps(event: { key: string; shiftKey: boolean }): number {
  return (STEPS[event.key] ?? 0) * (event.shiftKey ? 10 : 1);
}
