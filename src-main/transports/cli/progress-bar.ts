import { processIO, type CliIO } from './output.ts';

export interface ProgressBar {
  /** `fraction` of the whole (0..1), and what is happening now */
  update(fraction: number, what: string): void;
  end(): void;
}

/** A bar redrawn in place when stderr is a terminal; otherwise (a pipe, a log, a test) one plain line per update. */
export function progressBar(io: CliIO): ProgressBar {
  const percent = (fraction: number) => Math.round(fraction * 100);
  if (io !== processIO || !process.stderr.isTTY) return { update: (fraction, what) => io.err(`${percent(fraction)}% ${what}`), end: () => {} };
  const width = 30;
  let drawn = false;
  return {
    update(fraction, what) {
      const filled = Math.round(fraction * width);
      process.stderr.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(percent(fraction)).padStart(3)}% ${what}\x1b[K`);
      drawn = true;
    },
    end: () => void (drawn && process.stderr.write('\n')),
  };
}
