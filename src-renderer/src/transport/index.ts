import type { OnestoryBridge } from '../../../src-shared/contract/index.ts';
import { createElectronTransport } from './electron.ts';
import { createHttpTransport } from './http.ts';
import { takeAccessToken } from './token.ts';
import type { Transport } from './transport.ts';

declare global {
  interface Window {
    /** Present only inside Electron, put there by the preload. */
    onestory?: OnestoryBridge;
  }
}

/** Electron when the preload's bridge is there, otherwise browser mode. */
export function connectTransport(): Transport {
  return window.onestory ? createElectronTransport(window.onestory) : createHttpTransport(takeAccessToken());
}
