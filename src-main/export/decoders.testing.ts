// Independent readers of what the exporters write (poppler for PDFs, Info-ZIP for ZIPs), run as programs.
// Where one is not installed, the suites that need it are skipped with a one-line message saying which.
import { execFileSync, spawnSync } from 'node:child_process';
import { describe } from 'vitest';

export function hasCommand(name: string): boolean {
  return spawnSync(name, ['-v'], { stdio: 'ignore' }).error === undefined;
}

export function runTool(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

export function runToolBinary(command: string, args: string[]): Buffer {
  return execFileSync(command, args, { maxBuffer: 64 * 1024 * 1024 });
}

/** A describe block that runs only where all the tools exist. */
export function describeWithTools(tools: string[], name: string, body: () => void): void {
  const missing = tools.filter((tool) => !hasCommand(tool));
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  console.warn(`[skipped] "${name}": ${missing.join(', ')} not installed (Debian: poppler-utils, unzip).`);
  describe.skip(`${name} (needs ${missing.join(', ')})`, body);
}
