// The hidden prompt on a stand-in terminal: what is typed is returned, never written back.
import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { promptSecret } from './secret-prompt.ts';

function terminal() {
  const input = Object.assign(new PassThrough(), { modes: [] as boolean[], setRawMode: (raw: boolean) => input.modes.push(raw) });
  const output = { written: '', write: (text: string) => (output.written += text) };
  return { input, output };
}

it('returns what was typed up to Enter, with Backspace applied and arrow keys ignored, echoing nothing and leaving raw mode', async () => {
  const { input, output } = terminal();
  const answer = promptSecret('Token: ', input, output);
  input.write('hf_ab');
  input.write('\u007fc\u001b[A\rignored');
  expect(await answer).toBe('hf_ac');
  expect(output.written).toBe('Token: \n');
  expect(input.modes).toEqual([true, false]);
  expect(input.listenerCount('data')).toBe(0);
});

it.each([['\u0003'], ['\u0004']])('gives up on %j', async (key) => {
  const { input, output } = terminal();
  const answer = promptSecret('Token: ', input, output);
  input.write(`hf_x${key}`);
  expect(await answer).toBeNull();
  expect(input.modes).toEqual([true, false]);
});
