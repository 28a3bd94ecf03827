// The app:// scheme's answers, without Electron: the handler is a plain Request URL → Response function.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import { useTempDir } from '../../store/temp-dir.testing.ts';
import { RENDERER_HEADER_CSP } from '../renderer-csp.ts';
import { APP_INDEX_URL, rendererFileResponse } from './app-protocol.ts';

const tempDir = useTempDir();
let rendererDir: string;

beforeEach(() => {
  rendererDir = join(tempDir(), 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Onestory</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(join(tempDir(), 'secret.txt'), 'not for the page');
});

it('serves the renderer build with its content type, the CSP and nosniff', async () => {
  const index = await rendererFileResponse(APP_INDEX_URL, rendererDir);
  expect(index.status).toBe(200);
  expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(index.headers.get('content-security-policy')).toBe(RENDERER_HEADER_CSP);
  expect(index.headers.get('x-content-type-options')).toBe('nosniff');
  expect(await index.text()).toContain('<title>Onestory</title>');

  const script = await rendererFileResponse('app://onestory/assets/app.js', rendererDir);
  expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  expect(await (await rendererFileResponse('app://onestory/projects/42', rendererDir)).text()).toContain('<title>Onestory</title>');
});

it('refuses paths out of the build folder, other hosts and missing files with 404', async () => {
  for (const url of [
    'app://onestory/../secret.txt',
    'app://onestory/%2e%2e/secret.txt',
    'app://onestory/..%2fsecret.txt',
    'app://onestory/assets/..%2f..%2fsecret.txt',
    'app://onestory/..%5csecret.txt',
    'app://onestory/assets%00/app.js',
    'app://onestory/%E0%A4%A',
    'app://elsewhere/index.html',
    'app://onestory/assets/missing.js',
  ]) {
    const res = await rendererFileResponse(url, rendererDir);
    expect(res.status, url).toBe(404);
    expect(await res.text(), url).not.toContain('not for the page');
  }
});
