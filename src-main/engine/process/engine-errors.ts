// What an EngineClient call rejects with. Every rejection is an EngineError, so a caller maps it
// by `code`; the subclasses say why the engine itself failed.
import type { EngineExit } from './engine-channel.ts';
import type { EngineErrorCode } from './protocol.ts';

export class EngineError extends Error {
  readonly code: EngineErrorCode;

  constructor(code: EngineErrorCode, message: string) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
  }
}

/** The engine process died (a native crash, killed, out of memory) or never started. */
export class EngineCrashedError extends EngineError {
  readonly exit: EngineExit;
  /** the end of the engine's stderr */
  readonly stderr: string;

  constructor(exit: EngineExit, stderr: string, hadStarted: boolean) {
    super('internal', crashMessage(exit, stderr, hadStarted));
    this.name = 'EngineCrashedError';
    this.exit = exit;
    this.stderr = stderr;
  }
}

/** The engine sent something the protocol does not allow: it is stopped, and the next call starts a fresh one. */
export class EngineProtocolError extends EngineError {
  constructor(detail: string) {
    super('internal', `The generation engine sent an invalid message and was stopped; the next job starts a fresh one. (${detail})`);
    this.name = 'EngineProtocolError';
  }
}

function crashMessage(exit: EngineExit, stderr: string, hadStarted: boolean): string {
  const how = exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code ?? 'unknown'}`;
  if (hadStarted) return `The generation engine stopped unexpectedly (${how}); it has been restarted. Try again.`;
  // A start-up failure (a missing module, a broken native library) is explained by its last words.
  const lastLine = stderr.trim().split('\n').at(-1)?.trim();
  return `The generation engine could not start (${how})${lastLine ? `: ${lastLine}` : '.'}`;
}
