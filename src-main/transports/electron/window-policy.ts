// What the main window may do, as plain data and functions (no Electron at run time), so a test can hold them to it:
// its web preferences, where its page comes from, where it may navigate, and which links open in the user's browser.
import type { BrowserWindowConstructorOptions, HandlerDetails, WindowOpenHandlerResponse } from 'electron';
import { APP_INDEX_URL, isAppUrl } from './app-protocol.ts';

export interface RendererLocation {
  url: string;
  isTrusted(url: string): boolean;
}

/**
 * The built renderer on app://, or electron-vite's dev server (ELECTRON_RENDERER_URL) while developing; a packaged
 * app ignores that variable, so nobody can point an installed Onestory at another page.
 */
export function rendererLocation(runtime: { isPackaged: boolean; env: NodeJS.ProcessEnv }): RendererLocation {
  const devUrl = runtime.isPackaged ? undefined : runtime.env.ELECTRON_RENDERER_URL;
  if (devUrl) {
    const origin = new URL(devUrl).origin;
    return { url: devUrl, isTrusted: (url) => URL.parse(url)?.origin === origin };
  }
  return { url: APP_INDEX_URL, isTrusted: isAppUrl };
}

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 840,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Onestory',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    },
  };
}

/** Links the page may open in the user's browser: the Hugging Face Hub (model pages, licences), over https only. */
export function isAllowedExternalUrl(url: string): boolean {
  const parsed = URL.parse(url);
  return parsed !== null && parsed.protocol === 'https:' && parsed.host === 'huggingface.co' && !parsed.username && !parsed.password;
}

/** The window's handlers: it shows the app and nothing else; allowed links go to the user's browser, never a new window. */
export function windowGuards(location: RendererLocation, openExternal: (url: string) => unknown) {
  return {
    /** For will-navigate and will-frame-navigate (the latter also sees subframes and in-page navigations). */
    onNavigate(event: { url: string; preventDefault(): void }): void {
      if (!location.isTrusted(event.url)) event.preventDefault();
    },
    windowOpen({ url }: Pick<HandlerDetails, 'url'>): WindowOpenHandlerResponse {
      if (isAllowedExternalUrl(url)) openExternal(url);
      return { action: 'deny' };
    },
  };
}
