import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const bin = resolve(import.meta.dirname, '../../../bin/onestory.js');

/**
 * Runs `onestory` as a shell would, and presses Ctrl-C once stderr matches `when`: SIGINT to the whole process group,
 * the engine's process included, as a terminal sends it.
 */
export function runAndInterrupt(args: string[], when: RegExp): Promise<{ code: number | null; stdout: string; stderr: string; interrupted: boolean }> {
  const child = spawn(process.execPath, [bin, ...args], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let interrupted = false;
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (!interrupted && when.test(stderr)) {
      interrupted = true;
      process.kill(-child.pid!, 'SIGINT');
    }
  });
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr, interrupted })));
}
