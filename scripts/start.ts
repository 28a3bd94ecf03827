// `npm start`: the desktop app where Electron can run, otherwise browser mode (headless backend +
// the editor in the system browser). Run after `electron-vite build`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);

/**
 * The Electron binary's path. Resolving the `electron` package downloads the binary on first use; that runs in a
 * child process so a failed download (no network) ends in one line here instead of the downloader's stack trace.
 */
function electronBinary(): { path: string } | { why: string } {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { cwd: root, encoding: 'utf8' });
  const path = probe.stdout.trim();
  if (probe.status === 0 && path && existsSync(path)) return { path };
  const reason = probe.stderr.split('\n').find((line) => /error|failed/i.test(line))?.trim();
  return { why: reason ? `its binary could not be downloaded (${reason})` : 'it is not installed on this machine' };
}

function run(command: string, commandArgs: string[]): void {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const electron = electronBinary();
if ('path' in electron) {
  run(electron.path, [resolve(root, 'out/main/index.js'), ...args]);
} else {
  console.log(`Electron cannot run here: ${electron.why}. Starting browser mode instead.`);
  run(process.execPath, [resolve(root, 'src-main/transports/http/serve.ts'), '--open', ...args]);
}
