import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';

const SERVE = join(import.meta.dirname, 'serve.ts');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'onestory-serve-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs serve.ts as `npm run serve` would, collecting its output and exit. */
function runServe(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [SERVE, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const firstLine = () =>
    new Promise<string>((resolve, reject) => {
      const check = () => stdout.includes('\n') && resolve(stdout.split('\n')[0]);
      check();
      child.stdout.on('data', check);
      void exited.then(() => reject(new Error(`serve.ts exited early: ${stderr}`)));
    });
  return { child, firstLine, exited, output: () => ({ stdout, stderr }) };
}

it('prints one URL line, serves the API with that token, and exits 0 on SIGTERM', async () => {
  const serve = runServe(['--port', '0', '--db', join(dir, 'library.sqlite')], { ONESTORY_TOKEN: 'cli-token-123' });
  const line = await serve.firstLine();
  const match = /^Onestory browser mode: (http:\/\/127\.0\.0\.1:(\d+)\/#token=cli-token-123)$/.exec(line);
  expect(match, line).not.toBeNull();

  const res = await fetch(`http://127.0.0.1:${match![2]}/api/projects.create`, {
    method: 'POST',
    headers: { Authorization: 'Bearer cli-token-123', 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'From the CLI' }),
  });
  expect(res.status).toBe(200);

  serve.child.kill('SIGTERM');
  expect(await serve.exited).toEqual({ code: 0, signal: null });
  expect(serve.output().stdout.trim().split('\n')).toHaveLength(1);
});

it.concurrent.each([
  [['--port', 'abc']],
  [['--port', '70000']],
  [['--unknown']],
  [['stray']],
  [['--token', 'has spaces']],
  [['--origin', 'studio.example']],
  [['--host', '0.0.0.0']],
])('exits 2 with a usage message for %j', async (args) => {
  const serve = runServe(args);
  expect((await serve.exited).code).toBe(2);
  expect(serve.output().stderr).toContain('Usage:');
});

it('serves another --host only with --allow-remote, warning that the token travels in clear text', async () => {
  const refused = runServe(['--host', '0.0.0.0', '--port', '0', '--db', join(dir, 'remote.sqlite')]);
  expect((await refused.exited).code).toBe(2);
  expect(refused.output().stderr).toContain('--host 0.0.0.0 lets other machines reach your library; add --allow-remote');

  const args = ['--host', '0.0.0.0', '--allow-remote', '--origin', 'https://studio.example', '--port', '0', '--db', join(dir, 'remote.sqlite')];
  const serve = runServe(args, { ONESTORY_TOKEN: 'remote-token-123' });
  const port = /:(\d+)\//.exec(await serve.firstLine())![1];
  await expect.poll(() => serve.output().stderr).toContain('then open the printed URL there');
  const { stderr } = serve.output();
  expect(stderr).toMatch(/clear text/);
  expect(stderr).toMatch(/TLS reverse proxy/);
  expect(stderr).toContain(`ssh -L ${port}:127.0.0.1:${port}`);

  const call = (headers: Record<string, string>) =>
    fetch(`http://127.0.0.1:${port}/api/projects.list`, {
      method: 'POST',
      headers: { Authorization: 'Bearer remote-token-123', 'Content-Type': 'application/json', ...headers },
      body: '{}',
    });
  expect((await call({ Origin: 'https://studio.example' })).status).toBe(200);
  expect((await call({ Origin: `http://127.0.0.1:${port}` })).status).toBe(200);
  expect((await call({ Origin: 'https://other.example' })).status).toBe(403);
  serve.child.kill('SIGTERM');
  expect((await serve.exited).code).toBe(0);
});
