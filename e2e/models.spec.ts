// The model library's screens in browser mode (issue 7): a new user guided to a model, import and removal,
// a refused folder, the hardware settings, and the Hub being out of reach.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expectThumbnailsLoaded } from './editor-helpers.ts';
import { addFrame, callApi, createProject, expect, expectSaved, readPrintedUrl, repoRoot, stop, test } from './fixtures.ts';

const HUB_MOCK = join(repoRoot, 'e2e', 'hub-mock-server.ts');

test.use({ viewport: { width: 1440, height: 1400 } });

/** A model's card in the library (the catalogue below lists models too). */
function modelRow(page: Page, name: string) {
  return page.getByRole('list', { name: 'Models', exact: true }).getByRole('listitem', { name, exact: true });
}

async function importFolder(page: Page, path: string, how: 'Copy into the library' | 'Use it where it is'): Promise<void> {
  await page.getByLabel('Folder path').fill(path);
  await page.getByRole('radio', { name: how }).check();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
}

test('models: a new user with an empty library is guided to import a model, then a story generates with it', async ({ app: page, server, fixtureModels }) => {
  await expect(page.getByRole('heading', { name: 'Get a model first' })).toBeVisible();
  await page.getByRole('link', { name: 'Add a model' }).click();
  await expect(page).toHaveURL(/#\/models$/);
  await expect(page.getByText('No models yet')).toBeVisible();

  await importFolder(page, fixtureModels.sd15, 'Copy into the library');
  const row = modelRow(page, 'sd15');
  await expect(row).toContainText('Default');
  await expect(row).toContainText('Copied into the library');
  await expect(row).toContainText('Not used yet');
  const [model] = await callApi(server, 'models.list', {});
  expect(model.owned).toBe(true);
  expect(model.path).not.toBe(fixtureModels.sd15);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).click();
  await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Get a model first' })).toBeHidden();
  await createProject(page, 'Fox story');
  // A new story starts with the default model.
  await expect(page.getByLabel('Model', { exact: true }).locator('option:checked')).toHaveText(/sd15/);
  await page.getByLabel('Identity prompt').fill('a watercolor illustration of a red fox');
  await addFrame(page, 'waking up in a burrow', '');
  await addFrame(page, 'watching the sunset', '');
  const settings = page.getByRole('region', { name: 'Settings' });
  await settings.getByLabel('Width', { exact: true }).fill('64');
  await settings.getByLabel('Height', { exact: true }).fill('64');
  await settings.getByLabel('Steps', { exact: true }).fill('3');
  await expectSaved(page);

  await page.getByRole('button', { name: 'Generate all' }).click();
  await expectThumbnailsLoaded(page, 2);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Models' }).click();
  await expect(modelRow(page, 'sd15')).toContainText('Last used just now');
});

test('models: removing a registered model keeps its files; removing an imported one deletes its copy', async ({ app: page, server, fixtureModels }) => {
  await page.goto(`${server.origin}/#/models`);
  await importFolder(page, fixtureModels.sd15, 'Use it where it is');
  await expect(modelRow(page, 'sd15')).toContainText('Used in place');
  await importFolder(page, fixtureModels.sdxl, 'Copy into the library');
  await expect(modelRow(page, 'sdxl')).toContainText('Copied into the library');
  const copy = (await callApi(server, 'models.list', {})).find((m) => m.name === 'sdxl')!;

  // The first model added is the default; another can take its place.
  await expect(modelRow(page, 'sd15')).toContainText('Default');
  await modelRow(page, 'sdxl').getByRole('button', { name: 'Set as default' }).click();
  await expect(modelRow(page, 'sdxl')).toContainText('Default');
  await expect(modelRow(page, 'sd15')).not.toContainText('Default');

  await page.getByRole('button', { name: 'Remove sd15' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Its files stay where they are');
  await dialog.getByRole('button', { name: 'Remove model' }).click();
  await expect(modelRow(page, 'sd15')).toBeHidden();
  expect(existsSync(join(fixtureModels.sd15, 'unet', 'model.onnx'))).toBe(true);

  await page.getByRole('button', { name: 'Remove sdxl' }).click();
  await expect(dialog).toContainText(`Its folder ${copy.path}`);
  await expect(dialog).toContainText('is deleted');
  await dialog.getByRole('button', { name: 'Remove model' }).click();
  await expect(page.getByText('No models yet')).toBeVisible();
  await expect.poll(() => existsSync(copy.path)).toBe(false);
  expect(existsSync(join(fixtureModels.sdxl, 'unet', 'model.onnx'))).toBe(true);
});

test('models: a broken folder is refused with the reason, naming the file, and nothing is added', async ({ app: page, server, fixtureModels }) => {
  const broken = mkdtempSync(join(tmpdir(), 'onestory-e2e-broken-'));
  try {
    cpSync(fixtureModels.sd15, broken, { recursive: true });
    rmSync(join(broken, 'unet', 'model.onnx'));
    await page.goto(`${server.origin}/#/models`);
    await importFolder(page, broken, 'Copy into the library');
    const refusal = page.getByRole('alert');
    await expect(refusal).toContainText(`${broken} is not a model Onestory can use`);
    await expect(refusal).toContainText('unet');
    await expect(page.getByLabel('Folder path')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('No models yet')).toBeVisible();
    expect(await callApi(server, 'models.list', {})).toEqual([]);
  } finally {
    rmSync(broken, { recursive: true, force: true });
  }
});

test('settings: the hardware section lists CPU, names the WebGPU adapter, takes a choice, and says what the last job ran on', async ({ app: page, server }) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const hardware = page.getByRole('region', { name: 'Hardware' });
  await expect(hardware.getByLabel('Providers offered')).toContainText('CPU');
  await expect(hardware).toContainText('In use: nothing yet');
  await expect(hardware).toContainText('GPU acceleration (CUDA on Linux)');
  await expect(hardware.getByRole('radio', { name: /Automatic/ })).toBeChecked();
  // Where WebGPU is offered (lavapipe in CI), the page names its adapter and the limit every run is kept within.
  const { webGpu } = await callApi(server, 'hardware.get', {});
  if (webGpu?.adapter) {
    const adapter = hardware.getByRole('region', { name: 'WebGPU adapter' });
    await expect(adapter).toContainText('Largest tensor a GPU kernel may use');
    if (webGpu.adapter.software) await expect(adapter).toContainText('software — slower than the CPU');
  }
  await hardware.getByRole('radio', { name: /^CPU/ }).check();
  await expect.poll(async () => (await callApi(server, 'hardware.get', {})).chosen).toBe('cpu');
  await page.reload();
  await expect(page.getByRole('region', { name: 'Hardware' }).getByRole('radio', { name: /^CPU/ })).toBeChecked();
});

test('settings: a model’s speed is measured here on request, with what was done to it, and its card shows the figure', async ({ app: page, server, fixtureModels }) => {
  await callApi(server, 'models.register', { path: fixtureModels.sd15 });
  await callApi(server, 'hardware.set', { provider: 'cpu' });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const speeds = page.getByRole('region', { name: 'Models on this machine' });
  const row = speeds.getByRole('list', { name: 'Model speeds' }).getByRole('listitem', { name: 'sd15' });
  await expect(row).toContainText('Not optimised');
  await expect(row).toContainText('Not measured on this machine yet.');
  await row.getByRole('button', { name: 'Measure speed' }).click();
  await expect(row.getByRole('button', { name: 'Measure speed' })).toBeVisible(); // back once the timed run ended
  const measured = row.getByText(/^[\d.]+ s\/step at 64×64 on cpu$/);
  await expect(measured).toBeVisible();
  await measured.click(); // the details open: what was done
  await expect(row.getByRole('list', { name: 'What was done for cpu' })).toContainText('runs the original files');
  const [model] = await callApi(server, 'models.list', {});
  expect(model.speeds).toMatchObject([{ provider: 'cpu', steps: 5, width: 64, height: 64 }]);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Models' }).click();
  await expect(modelRow(page, 'sd15')).toContainText(/Measured here: [\d.]+ s\/step at 64×64 on cpu/);
});

test.describe('with the Hub out of reach', () => {
  // Nothing listens on the discard port: every request to the Hub fails as it does offline.
  test.use({ serverEnv: { ONESTORY_HUB_URL: 'http://127.0.0.1:9' } });

  test('models: a download says the Hub cannot be reached and leads to importing a folder', async ({ app: page, server }) => {
    await page.goto(`${server.origin}/#/models`);
    const entry = page.getByRole('list', { name: 'Catalogue' }).getByRole('listitem').first();
    await expect(entry).toContainText('Not verified');
    await entry.getByRole('button', { name: 'Download…' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText("Can't reach the Hugging Face Hub");
    await expect(dialog.getByRole('button', { name: 'Start download' })).toBeDisabled();
    await dialog.getByRole('button', { name: 'Import a folder instead' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByLabel('Folder path')).toBeFocused();
    expect(await callApi(server, 'downloads.list', {})).toEqual([]);
  });
});

const HUB_REPO = 'onestory/fixture-sd15';

/** The server talks to a mock of the Hub that holds the fixture model and stalls in the middle of the UNet's weights. */
const withHub = test.extend<{ hubUrl: string }>({
  hubUrl: async ({ fixtureModels }, use) => {
    const stall = `${HUB_REPO}:unet/model.onnx_data:100000`;
    const child = spawn(process.execPath, [HUB_MOCK, `${HUB_REPO}=${fixtureModels.sd15}`, '--stall', stall], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await use(await readPrintedUrl(child, /Mock Hub: (\S+)/, 'hub-mock-server.ts'));
    } finally {
      await stop(child);
    }
  },
  serverEnv: async ({ hubUrl }, use) => use({ ONESTORY_HUB_URL: hubUrl }),
});

withHub('models: a repository is downloaded after its plan is shown, paused and resumed, and joins the library', async ({ app: page, server }) => {
  await page.goto(`${server.origin}/#/models`);
  await page.getByLabel('Repository id').fill(HUB_REPO);
  await page.getByRole('button', { name: 'Check files…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('list', { name: 'Files to download' })).toContainText('unet/model.onnx_data');
  await expect(dialog).toContainText('Free space:');
  await dialog.getByRole('button', { name: 'Start download' }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByRole('listitem', { name: 'Download fixture-sd15' });
  await row.getByText(/^Files \(\d+\)$/).click();
  const unet = row.getByRole('progressbar', { name: 'unet/model.onnx_data progress' });
  await expect.poll(async () => Number(await unet.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
  await expect(row).toContainText('Downloading');
  await expect(row.getByRole('progressbar', { name: 'fixture-sd15 download progress' })).not.toHaveAttribute('aria-valuenow', '100');

  // A double click on Pause sends one call: the button waits, disabled, for the answer (held here until it is checked).
  let pauses = 0;
  let answer = () => {};
  const held = new Promise<void>((resolve) => (answer = resolve));
  await page.route('**/api/downloads.pause', async (route) => {
    pauses += 1;
    await held;
    await route.continue();
  });
  const pause = row.getByRole('button', { name: 'Pause' });
  await pause.dblclick();
  await expect(pause).toBeDisabled();
  answer();
  await expect(row).toContainText('Paused');
  expect(pauses).toBe(1);
  await expect(row).toContainText('partial files kept');
  await row.getByRole('button', { name: 'Resume' }).click();
  await expect(row).toContainText('Done', { timeout: 20_000 });
  await expect(row).toContainText('The model is in the library');
  await expect(modelRow(page, 'fixture-sd15')).toContainText('Downloaded from the Hub');
});
