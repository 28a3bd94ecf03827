// The viewer's keys: ← / → between frames, Shift+arrows pan, + / − zoom, F or 0 fits, 1 shows 1:1.

export type ViewerKey =
  | { kind: 'frame'; delta: number }
  | { kind: 'pan'; dx: number; dy: number }
  | { kind: 'zoom'; direction: 1 | -1 }
  | { kind: 'fit' }
  | { kind: 'actualSize' };

/** How far one Shift+arrow pans, in screen pixels. */
export const PAN_STEP = 80;

const ARROWS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

export function viewerKey(event: { key: string; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }): ViewerKey | null {
  // Ctrl/Cmd/Alt combinations are the app's and the browser's (undo, page zoom).
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const arrow = ARROWS[event.key];
  if (arrow) {
    // Shift+arrow pans towards what the arrow points at, so the image moves the other way.
    if (event.shiftKey) return { kind: 'pan', dx: -arrow[0] * PAN_STEP || 0, dy: -arrow[1] * PAN_STEP || 0 };
    return arrow[0] !== 0 ? { kind: 'frame', delta: arrow[0] } : null;
  }
  switch (event.key) {
    case '+':
    case '=':
      return { kind: 'zoom', direction: 1 };
    case '-':
    case '_':
    case '−':
      return { kind: 'zoom', direction: -1 };
    case 'f':
    case 'F':
    case '0':
      return { kind: 'fit' };
    case '1':
      return { kind: 'actualSize' };
    default:
      return null;
  }
}
