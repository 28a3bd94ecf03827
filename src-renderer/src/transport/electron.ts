import { ApiError, contract, IMAGE_SCHEME, renderImagePath, type OnestoryBridge, type ResultEnvelope } from '../../../src-shared/contract/index.ts';
import { parseEventMessage } from './events.ts';
import type { Transport } from './transport.ts';

/** Electron: the preload's bridge answers with envelopes, unwrapped here into values or ApiErrors. */
export function createElectronTransport(bridge: OnestoryBridge): Transport {
  return {
    invoke: async (method, input) => {
      const call = bridge.api[method];
      if (!call) throw new ApiError('not_found', `This version of the app does not offer "${method}".`);
      return unwrap(await call(input));
    },
    // The main process shows the system's dialogs, so the page never names a path.
    deliverExport: async (exportId) => (unwrap(await bridge.saveExport(exportId)) as { saved?: unknown } | null)?.saved === true,
    saveImage: async (renderId, fileName) => (unwrap(await bridge.saveImage(renderId, fileName)) as { saved?: unknown } | null)?.saved === true,
    dragImageOut: (renderId, fileName) => bridge.dragImageOut(renderId, fileName),
    importProjectFile: async () => {
      const value = unwrap(await bridge.importProjectFile());
      return value === null ? null : contract['exports.importProject'].output.parse(value);
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

function unwrap(envelope: ResultEnvelope): unknown {
  if (envelope.ok) return envelope.value;
  throw ApiError.fromBody(envelope.error);
}
