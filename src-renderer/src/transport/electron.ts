import { ApiError, IMAGE_SCHEME, renderImagePath, type OnestoryBridge } from '../../../src-shared/contract/index.ts';
import { parseEventMessage } from './events.ts';
import type { Transport } from './transport.ts';

/** Electron: the preload's bridge answers with envelopes, unwrapped here into values or ApiErrors. */
export function createElectronTransport(bridge: OnestoryBridge): Transport {
  return {
    invoke: async (method, input) => {
      const call = bridge.api[method];
      if (!call) throw new ApiError('not_found', `This version of the app does not offer "${method}".`);
      const envelope = await call(input);
      if (envelope.ok) return envelope.value;
      throw ApiError.fromBody(envelope.error);
    },
    subscribe: (listener) =>
      bridge.onEvent((raw) => {
        const message = parseEventMessage(raw);
        if (message) listener(message);
      }),
    // The main process serves images from its own privileged scheme.
    imageUrl: (renderId, kind) => `${IMAGE_SCHEME}://app${renderImagePath(renderId, kind)}`,
  };
}
