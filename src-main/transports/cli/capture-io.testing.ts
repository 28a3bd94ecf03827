import type { CliIO } from './output.ts';

/**
 * A CliIO that keeps what a command printed, so tests can run it in-process. With `secretAnswers` it stands for a
 * terminal: each secret question gets the next answer and is recorded in `asked`.
 */
export function captureIO(secretAnswers?: Array<string | null>): CliIO & { stdout: string; stderr: string; asked: string[] } {
  const io = {
    stdout: '',
    stderr: '',
    asked: [] as string[],
    out: (t: string) => void (io.stdout += `${t}\n`),
    err: (t: string) => void (io.stderr += `${t}\n`),
  };
  if (!secretAnswers) return io;
  const answers = [...secretAnswers];
  return Object.assign(io, { askSecret: async (question: string) => (io.asked.push(question), answers.shift() ?? null) });
}
