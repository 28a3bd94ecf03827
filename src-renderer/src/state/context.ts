import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppActions, AppState, AppStore } from './store.ts';

export const AppStoreContext = createContext<AppStore | null>(null);

/** The store itself, for event handlers that read the state at the moment they run. */
export function useAppStore(): AppStore {
  const store = useContext(AppStoreContext);
  if (!store) throw new Error('useApp needs <AppStoreContext value={store}> above it');
  return store;
}

/** Reads from the app store; components re-render only when what `selector` returns changes. */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStore(), selector);
}

export function useActions(): AppActions {
  return useApp((state) => state.actions);
}
