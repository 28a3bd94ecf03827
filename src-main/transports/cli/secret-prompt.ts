// Asks for a secret on the terminal without echoing it: the terminal is put in raw mode and the typed
// characters are kept here instead of being shown.

/** The parts of process.stdin the prompt uses (a TTY stream), so tests can type into a fake one. */
export interface SecretInput {
  setRawMode(raw: boolean): unknown;
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

const ENTER = new Set(['\r', '\n']);
const CANCEL = new Set(['\u0003', '\u0004']); // Ctrl-C, Ctrl-D
const ERASE = new Set(['\u007f', '\b']);
/** What arrow and function keys send (ESC [ … letter, or ESC and one character): never part of a token. */
const ESCAPE_SEQUENCE = new RegExp(String.raw`\u001b(?:\[[0-9;]*[A-Za-z~]|.)?`, 'g');

/** Resolves with what was typed up to Enter, or null when the user pressed Ctrl-C or Ctrl-D. */
export function promptSecret(question: string, input: SecretInput, output: { write(text: string): unknown }): Promise<string | null> {
  output.write(question);
  input.setRawMode(true);
  input.resume();
  let typed = '';
  return new Promise((resolve) => {
    const finish = (answer: string | null) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      resolve(answer);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString().replace(ESCAPE_SEQUENCE, '')) {
        if (ENTER.has(char)) return finish(typed);
        if (CANCEL.has(char)) return finish(null);
        if (ERASE.has(char)) typed = typed.slice(0, -1);
        else if (char >= ' ') typed += char;
      }
    };
    input.on('data', onData);
  });
}
