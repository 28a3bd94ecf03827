import { promptSecret } from './secret-prompt.ts';

/** Where the CLI writes: injectable so tests can capture it without spawning a process. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Present only where a person can answer (stdin and stderr are a terminal): asks without echoing; null when cancelled. */
  askSecret?(question: string): Promise<string | null>;
}

export const processIO: CliIO = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  ...(process.stdin.isTTY && process.stderr.isTTY ? { askSecret: (question: string) => promptSecret(question, process.stdin, process.stderr) } : {}),
};

/** A plain-text table with left-aligned columns, for humans; --json is there for scripts. */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

export function formatTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('T', ' ').slice(0, 16);
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** "45 s", "12 min", "2 h 5 min": a time left. */
export function formatDuration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

/** A value as it would be typed in a POSIX shell, for commands the CLI suggests: quoted unless it needs none. */
export function shellArg(value: string): string {
  return /^[\w./:@%+=-]+$/.test(value) ? value : `"${value.replace(/["\\$`]/g, '\\$&')}"`;
}
