// The desktop app itself: Electron starts, the window opens and shows the project list.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron } from '@playwright/test';
import { expect, repoRoot, test } from './fixtures.ts';

/**
 * Where `npm install electron` puts the binary. Read from its path.txt rather than `require('electron')`,
 * which tries to download the binary when it is missing.
 */
function electronBinary(): string {
  const dir = join(repoRoot, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : process.platform === 'win32' ? 'electron.exe' : 'electron';
  return join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(dir, 'dist'), name);
}

const binary = electronBinary();
const mainEntry = join(repoRoot, 'out', 'main', 'index.js');
const whyNot = existsSync(binary) ? null : `Electron binary not installed (${binary}): cannot launch here`;

test('electron: the window opens and the project list renders', async () => {
  // Printed as well, because the list reporter does not show a skip's reason.
  if (whyNot) console.log(`[skipped] ${whyNot}`);
  test.skip(whyNot !== null, whyNot ?? '');
  expect(existsSync(mainEntry), `${mainEntry} is missing: run \`npm run build\` first`).toBe(true);

  const dataDir = mkdtempSync(join(tmpdir(), 'onestory-electron-'));
  // Chromium refuses to run as root with its sandbox on (CI containers).
  const args = process.getuid?.() === 0 ? ['--no-sandbox', mainEntry] : [mainEntry];
  const app = await electron.launch({ executablePath: binary, args, env: { ...process.env, ONESTORY_DATA_DIR: dataDir } });
  try {
    const window = await app.firstWindow();
    expect(window.url()).toBe('app://onestory/index.html');
    await expect(window.getByRole('heading', { name: 'Projects' })).toBeVisible();
    await expect(window.getByText('No projects yet')).toBeVisible();
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
