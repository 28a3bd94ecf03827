// Starts the engine in an Electron utility process: a Node environment outside the main process,
// so a native crash in ONNX Runtime leaves the window and the store running.
import { utilityProcess } from 'electron';
import { join } from 'node:path';
import type { SpawnEngine } from '../../engine/process/engine-channel.ts';
import { OutputTail } from '../../engine/process/output-tail.ts';

/** electron-vite builds src-main/engine/process/engine-main.ts beside the main bundle. */
export const BUILT_ENGINE_ENTRY = join(import.meta.dirname, 'engine.js');

export function utilityProcessEngineSpawner(entry = BUILT_ENGINE_ENTRY): SpawnEngine {
  return () => {
    const child = utilityProcess.fork(entry, [], { serviceName: 'Onestory engine', stdio: ['ignore', 'ignore', 'pipe'] });
    const stderr = new OutputTail();
    stderr.follow(child.stderr);
    // Fatal V8 errors are reported here rather than on stderr.
    child.on('error', (type, location) => stderr.append(`\n[engine process] ${type} at ${location}\n`));
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => child.postMessage(message),
      onMessage: (listener) => child.on('message', listener),
      // A utility process reports no signal; its exit code tells how it ended.
      onExit: (listener) => child.once('exit', (code) => listener({ code, signal: null })),
      stderrTail: () => stderr.text(),
      kill: () => void child.kill(),
    };
  };
}
