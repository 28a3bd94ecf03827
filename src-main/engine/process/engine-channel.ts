// The main process's handle on one engine process, whatever started it (a Node fork, or Electron's
// utilityProcess in src-main/transports/electron): the client is written against this alone.
import type { EngineRequest } from './protocol.ts';

export interface EngineExit {
  code: number | null;
  signal: string | null;
}

export interface EngineChannel {
  /** undefined until the operating system has started the process */
  readonly pid: number | undefined;
  send(message: EngineRequest): void;
  /** messages arrive unvalidated: the client parses them */
  onMessage(listener: (message: unknown) => void): void;
  /** called once, after the process has gone, whatever the reason */
  onExit(listener: (exit: EngineExit) => void): void;
  /** the end of what the process wrote to stderr: the best clue after a crash */
  stderrTail(): string;
  /** ends the process at once (SIGKILL where the platform has signals) */
  kill(): void;
}

export type SpawnEngine = () => EngineChannel;
