// Starts the engine as a Node child process (browser mode, the CLI, tests). Node 22 runs the
// TypeScript entry directly; 'advanced' serialization carries PNG bytes as Uint8Array.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SpawnEngine } from './engine-channel.ts';
import { OutputTail } from './output-tail.ts';

export const ENGINE_ENTRY = fileURLToPath(new URL('./engine-main.ts', import.meta.url));

export interface NodeEngineOptions {
  /** the script the child runs; tests point it at a misbehaving stand-in */
  entry?: string;
  env?: NodeJS.ProcessEnv;
}

export function nodeEngineSpawner(options: NodeEngineOptions = {}): SpawnEngine {
  const entry = options.entry ?? ENGINE_ENTRY;
  return () => {
    const child = fork(entry, [], {
      serialization: 'advanced',
      // stdout is not the engine's to use (the CLI prints results there); stderr is kept for crash reports.
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      // Not the parent's flags (a test runner's loaders, inspector ports): the engine needs none.
      execArgv: ['--disable-warning=ExperimentalWarning'],
      env: options.env,
    });
    const stderr = new OutputTail();
    stderr.follow(child.stderr);
    // Without a listener, a failed send to a dying child would be thrown in the caller's process.
    child.on('error', (error) => stderr.append(`\n[engine process] ${error.message}\n`));
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => {
        if (child.connected) child.send(message);
      },
      onMessage: (listener) => child.on('message', listener),
      // 'close' rather than 'exit': by then stderr has been read to its end.
      onExit: (listener) => child.once('close', (code, signal) => listener({ code, signal })),
      stderrTail: () => stderr.text(),
      kill: () => child.kill('SIGKILL'),
    };
  };
}
