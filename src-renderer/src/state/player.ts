/** The animatic player: whether it covers the editor. Closed again when another project opens. */
export interface PlayerState {
  playerOpen: boolean;
}

export interface PlayerActions {
  openPlayer(): void;
  closePlayer(): void;
}

export const INITIAL_PLAYER: PlayerState = { playerOpen: false };

export function createPlayer(set: (change: Partial<PlayerState>) => void): PlayerActions {
  return {
    openPlayer: () => set({ playerOpen: true }),
    closePlayer: () => set({ playerOpen: false }),
  };
}
