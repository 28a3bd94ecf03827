/** How big the board's cards are: small fits the most frames on screen, large shows the pictures best. */
export const BOARD_ZOOMS = ['small', 'medium', 'large'] as const;
export type BoardZoom = (typeof BOARD_ZOOMS)[number];
export const DEFAULT_BOARD_ZOOM: BoardZoom = 'medium';

/** The board's own state: which frame the inspector edits and how big the cards are. */
export interface BoardState {
  /** the frame shown in the inspector; null when none is */
  selectedFrameId: string | null;
  boardZoom: BoardZoom;
}

export interface BoardActions {
  selectFrame(frameId: string | null): void;
  setBoardZoom(zoom: BoardZoom): void;
  /** One size bigger (1) or smaller (-1), or back to the default (0); stops at the ends. */
  stepBoardZoom(step: -1 | 0 | 1): void;
}

type SetBoard = (partial: Partial<BoardState>) => void;

export function createBoard(set: SetBoard, get: () => BoardState): BoardActions {
  return {
    selectFrame: (selectedFrameId) => set({ selectedFrameId }),
    setBoardZoom: (boardZoom) => set({ boardZoom }),
    stepBoardZoom(step) {
      if (step === 0) return set({ boardZoom: DEFAULT_BOARD_ZOOM });
      const index = BOARD_ZOOMS.indexOf(get().boardZoom) + step;
      set({ boardZoom: BOARD_ZOOMS[Math.min(Math.max(index, 0), BOARD_ZOOMS.length - 1)] });
    },
  };
}

const STORAGE_KEY = 'onestory.boardZoom';

/** The zoom this user last chose, kept per user in the browser's storage. */
export function savedBoardZoom(storage: Pick<Storage, 'getItem'>): BoardZoom {
  const saved = storage.getItem(STORAGE_KEY);
  return BOARD_ZOOMS.find((zoom) => zoom === saved) ?? DEFAULT_BOARD_ZOOM;
}

export function saveBoardZoom(storage: Pick<Storage, 'setItem'>, zoom: BoardZoom): void {
  storage.setItem(STORAGE_KEY, zoom);
}
