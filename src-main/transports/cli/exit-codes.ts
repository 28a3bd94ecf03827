/** Exit codes a shell user expects: 0 success, 1 the operation failed, 2 the command line was wrong, 130 Ctrl-C. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERRUPTED = 130;

/** Ends a command with this exit code and one line on stderr. */
export class CliExit extends Error {
  readonly code: number;
  constructor(code: number, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CliExit';
    this.code = code;
  }
}
