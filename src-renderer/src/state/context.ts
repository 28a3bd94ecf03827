import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppActions, AppState, AppStore } from './store.ts';

export const AppStoreContext = createContext<AppStore | null>(null);

/** Reads from the app store; components re-render only when what `selector` returns changes. */
export function useApp<T>(selector: (state: AppState) => T): T {
  const store = useContext(AppStoreContext);
  if (!store) throw new Error('useApp needs <AppStoreContext value={store}> above it');
  return useStore(store, selector);
}

export function useActions(): AppActions {
  return useApp((state) => state.actions);
}
