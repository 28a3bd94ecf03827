// `npm start`: the desktop app where Electron can run, otherwise browser mode (headless backend +
// the editor in the system browser). Run after `electron-vite build`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);

function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown as string;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function run(command: string, commandArgs: string[]): void {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const electron = electronBinary();
if (electron) {
  run(electron, [resolve(root, 'out/main/index.js'), ...args]);
} else {
  console.log('Electron is not installed on this machine; starting browser mode instead.');
  run(process.execPath, [resolve(root, 'src-main/transports/http/serve.ts'), '--open', ...args]);
}
