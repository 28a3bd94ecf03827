import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from '../../src-shared/contract/index.ts';
import { App } from './components/App.tsx';
import { AppStoreContext } from './state/context.ts';
import { parseRoute, routeHash } from './state/route.ts';
import { savedBoardZoom, saveBoardZoom } from './state/board.ts';
import { createAppStore } from './state/store.ts';
import { applyTheme, onSystemThemeChange, savedTheme, saveTheme, systemTheme } from './theme.ts';
import { connectTransport } from './transport/index.ts';
import './styles.css';

// Reads (and hides) the access token before the route is taken from the hash.
const transport = connectTransport();
const store = createAppStore({
  client: createClient(transport.invoke),
  route: parseRoute(window.location.hash),
  theme: savedTheme() ?? systemTheme(),
  themeChosen: savedTheme() !== null,
  imageUrl: transport.imageUrl,
  files: transport,
  boardZoom: savedBoardZoom(window.localStorage),
});
const { actions } = store.getState();

// The store is the source of truth; the URL hash and the page's theme class mirror it.
applyTheme(store.getState().theme);
store.subscribe((state, previous) => {
  if (state.route !== previous.route && window.location.hash !== routeHash(state.route)) {
    window.location.hash = routeHash(state.route);
  }
  if (state.theme !== previous.theme) {
    applyTheme(state.theme);
    if (state.themeChosen) saveTheme(state.theme);
  }
  if (state.boardZoom !== previous.boardZoom) saveBoardZoom(window.localStorage, state.boardZoom);
});
window.addEventListener('hashchange', () => actions.showRoute(parseRoute(window.location.hash)));
onSystemThemeChange(actions.systemThemeChanged);
window.addEventListener('pagehide', actions.flushEdits);
transport.subscribe(actions.receiveEvent);
void actions.reload();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppStoreContext value={store}>
      <App />
    </AppStoreContext>
  </StrictMode>,
);
