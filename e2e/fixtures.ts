// Browser-mode fixtures: every test gets the real server (`serve.ts`) on a free port with its own
// temporary database, and a page already signed in with the server's token.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import type { MethodInput, MethodName, MethodOutput } from '../src-shared/contract/index.ts';

export const repoRoot = resolve(import.meta.dirname, '..');
const SERVE = join(repoRoot, 'src-main', 'transports', 'http', 'serve.ts');
const GENERATE_FIXTURES = join(repoRoot, 'scripts', 'fixtures', 'generate.ts');
const RENDERER_DIR = join(repoRoot, 'out', 'renderer');
const START_TIMEOUT_MS = 20_000;

export interface BrowserModeServer {
  /** `http://127.0.0.1:PORT/#token=…`, as printed by the server */
  url: string;
  origin: string;
  token: string;
}

/** The tiny SD-1.5- and SDXL-shaped model folders of scripts/fixtures. */
export interface FixtureModels {
  sd15: string;
  sdxl: string;
}

interface TestFixtures {
  server: BrowserModeServer;
  app: Page;
  /** extra environment for the server (and the engine process it starts) */
  serverEnv: Record<string, string>;
}

export const test = base.extend<TestFixtures, { fixtureModels: FixtureModels }>({
  serverEnv: [{}, { option: true }],
  // Generated once per worker, and only by tests that ask for them (≈0.5 s).
  fixtureModels: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructured first argument
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'onestory-e2e-models-'));
      try {
        // A child process: Playwright's loader does not follow the `.ts` imports the scripts use.
        const printed = execFileSync(process.execPath, [GENERATE_FIXTURES, '--out', dir], { encoding: 'utf8' });
        await use(JSON.parse(printed) as FixtureModels);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    { scope: 'worker' },
  ],
  server: async ({ serverEnv }, use) => {
    if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error(`${RENDERER_DIR} is missing: run \`npm run build\` before the e2e tests.`);
    const dir = mkdtempSync(join(tmpdir(), 'onestory-e2e-'));
    const child = spawn(process.execPath, [SERVE, '--port', '0', '--db', join(dir, 'library.sqlite'), '--renderer-dir', RENDERER_DIR], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...serverEnv },
    });
    try {
      const url = await readPrintedUrl(child, /Onestory browser mode: (\S+)/, 'serve.ts');
      await use({ url, origin: new URL(url).origin, token: new URL(url).hash.replace(/^#token=/, '') });
    } finally {
      await stop(child);
      rmSync(dir, { recursive: true, force: true });
    }
  },
  app: async ({ page, server }, use) => {
    await page.goto(server.url);
    await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
    await use(page);
  },
});

export { expect };

/** Resolves with the URL a child prints (the first group of `pattern`); rejects with its stderr if it exits first. */
export function readPrintedUrl(child: ChildProcess, pattern: RegExp, what: string): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`${what} printed no URL within ${START_TIMEOUT_MS} ms.\n${stderr}`)), START_TIMEOUT_MS);
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = pattern.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with code ${code} before printing its URL.\n${stderr}`));
    });
  });
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Calls the API as the page does (bearer token), for setting up and checking what the backend holds. */
export async function callApi<M extends MethodName>(server: BrowserModeServer, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const response = await fetch(`${server.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
    body: JSON.stringify(input),
  });
  const body: unknown = await response.json();
  if (!response.ok) throw new Error(`${method} answered ${response.status}: ${JSON.stringify(body)}`);
  return body as MethodOutput<M>;
}

// ---- page helpers shared by the specs ----

export async function createProject(page: Page, name: string): Promise<void> {
  await page.getByLabel('New project name').fill(name);
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByLabel('Project name', { exact: true })).toHaveValue(name);
}

export function frameCard(page: Page, position: number): Locator {
  return page.getByRole('listitem', { name: `Frame ${position}`, exact: true });
}

/** A real pointer drag: press on the handle, move past the activation distance, drop on the target. */
export async function drag(page: Page, handle: Locator, target: Locator): Promise<void> {
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 - 10, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 20 });
  await page.mouse.up();
}

/** The column beside the board that edits the selected frame. */
export function inspector(page: Page): Locator {
  return page.getByRole('complementary', { name: 'Frame inspector' });
}

/** Selects frame `position` on the board and resolves with the inspector, once it shows that frame. */
export async function inspectFrame(page: Page, position: number): Promise<Locator> {
  await frameCard(page, position).getByRole('button', { name: `Edit frame ${position}`, exact: true }).click();
  const panel = inspector(page);
  await expect(panel.getByRole('heading', { name: `Frame ${position}`, exact: true })).toBeVisible();
  return panel;
}

/** Adds a frame at the end and types its prompt and caption in the inspector, which shows the new frame. */
export async function addFrame(page: Page, prompt: string, caption: string): Promise<void> {
  const count = await page.getByRole('list', { name: 'Frames' }).getByRole('listitem').count();
  await page.getByRole('button', { name: 'Add frame' }).click();
  const panel = inspector(page);
  await expect(panel.getByRole('heading', { name: `Frame ${count + 1}`, exact: true })).toBeVisible();
  await expect(panel.getByLabel('Prompt', { exact: true })).toBeFocused();
  await panel.getByLabel('Prompt', { exact: true }).fill(prompt);
  await panel.getByLabel('Caption').fill(caption);
}

/** Waits until the frames' prompts, in story order, are exactly `prompts` (a card shows its prompt while it has no action or dialogue). */
export async function expectPrompts(page: Page, prompts: string[]): Promise<void> {
  const lines = page.getByRole('list', { name: 'Frames' }).getByTestId('frame-line');
  await expect.poll(() => lines.evaluateAll((els) => els.map((el) => (el as unknown as { textContent: string }).textContent.trim()))).toEqual(prompts);
}

export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByText('All changes saved')).toBeVisible();
}
