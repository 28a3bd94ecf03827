// The engine process's link to whoever started it. The same engine code runs under Electron's
// utilityProcess (process.parentPort) and under a Node fork (process.send, 'advanced' serialization).
import type { EngineResponse } from './protocol.ts';

export interface MessageChannelLike {
  send(message: EngineResponse): void;
  /** messages arrive unvalidated: the receiver parses them */
  onMessage(listener: (message: unknown) => void): void;
}

/** Electron's ParentPort, as far as the engine uses it (the engine may not import electron). */
interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

export function connectToParent(): MessageChannelLike {
  const parentPort = (process as { parentPort?: ParentPortLike }).parentPort;
  if (parentPort) {
    return {
      send: (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)),
    };
  }
  if (process.send) return nodeParentChannel();
  throw new Error('The engine must run as a child process (utilityProcess or child_process.fork with an IPC channel).');
}

function nodeParentChannel(): MessageChannelLike {
  // An orphaned engine would hold its models in memory forever: leave with the parent.
  process.on('disconnect', () => process.exit(0));
  return {
    send: (message) => {
      if (process.connected) process.send?.(message);
    },
    onMessage: (listener) => process.on('message', listener),
  };
}
