// Where `onestory models download` gets a Hugging Face access token: a file, the environment, a prompt that does not
// echo, or — visible to every user of the machine — the command line.
import { open } from 'node:fs/promises';
import { needsToken } from '../../service/downloads/hub-errors.ts';
import { CliExit, EXIT_USAGE } from './exit-codes.ts';
import type { CliIO } from './output.ts';

export const TOKEN_ENV = 'ONESTORY_HF_TOKEN';
/** Far past any token; a file bigger than this is not a token file. */
const MAX_TOKEN_FILE_BYTES = 4096;

export const TOKEN_VISIBLE_WARNING = `Warning: a token given with --token is visible to other users of this machine (ps) and stays in your shell history; use --token-file FILE or ${TOKEN_ENV} instead.`;

/** --token-file, else --token (with a warning), else $ONESTORY_HF_TOKEN; undefined when none is given. */
export async function givenToken(opts: { token?: string; tokenFile?: string }, env: NodeJS.ProcessEnv, io: CliIO): Promise<string | undefined> {
  if (opts.token !== undefined && opts.tokenFile !== undefined) throw new CliExit(EXIT_USAGE, 'give --token or --token-file, not both');
  if (opts.tokenFile !== undefined) return readTokenFile(opts.tokenFile, io);
  if (opts.token !== undefined) {
    io.err(TOKEN_VISIBLE_WARNING);
    return opts.token;
  }
  return env[TOKEN_ENV]?.trim() || undefined;
}

async function readTokenFile(path: string, io: CliIO): Promise<string> {
  let text: string;
  let mode: number;
  try {
    const file = await open(path);
    try {
      mode = (await file.stat()).mode;
      const buffer = Buffer.alloc(MAX_TOKEN_FILE_BYTES + 1);
      const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
      if (bytesRead > MAX_TOKEN_FILE_BYTES) throw new CliExit(EXIT_USAGE, `${path} is too big to be a token file`);
      text = buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await file.close();
    }
  } catch (err) {
    if (err instanceof CliExit) throw err;
    throw new CliExit(EXIT_USAGE, `cannot read the token file: ${(err as Error).message}`);
  }
  const token = text.trim();
  if (!token || /\s/.test(token)) throw new CliExit(EXIT_USAGE, `${path} must hold the token alone, on one line`);
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) io.err(`Warning: other users can read ${path}; make it private with: chmod 600 ${path}`);
  return token;
}

/**
 * Runs `call` with the token given. When none was given, the Hub answers that one is needed and a person is at the
 * terminal, asks for one (not echoed) and runs `call` once more with it. Resolves with the result and the token used.
 */
export async function withTokenPrompt<T>(token: string | undefined, io: CliIO, call: (token: string | undefined) => Promise<T>): Promise<[T, string | undefined]> {
  try {
    return [await call(token), token];
  } catch (err) {
    if (token !== undefined || !io.askSecret || !needsToken(err)) throw err;
    io.err((err as Error).message);
    const asked = (await io.askSecret('Hugging Face access token (typing is not shown; Enter to give up): '))?.trim();
    if (!asked) throw err;
    return [await call(asked), asked];
  }
}
