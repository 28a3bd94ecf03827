// Screenshots of the editor in its states, for looking at the UI (not a test of behaviour):
//   npx playwright test --config e2e/bench/playwright.config.ts editor-tour --output /tmp/onestory-tour
import type { Page, TestInfo } from '@playwright/test';
import { expectThumbnailsLoaded, FOUR_FRAMES, openNewStory } from '../editor-helpers.ts';
import { callApi, expect, frameCard, inspectFrame, test } from '../fixtures.ts';

test.use({ viewport: { width: 1440, height: 1000 } });

async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
}

async function inBothThemes(page: Page, shot: (theme: string) => Promise<void>): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    // Buttons fade between colours: let them settle.
    await page.waitForTimeout(400);
    await shot(theme);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForTimeout(400);
}

test('tour: a generated story on the board with the inspector, medium and small cards, light and dark; the large view', async ({ app: page, server, fixtureModels }, testInfo) => {
  await openNewStory(page, server, { modelPath: fixtureModels.sd15, settings: { width: 128, height: 128, steps: 12 } });
  for (const [i, caption] of ['Morning', 'The journey', 'Lunch', 'Evening'].entries()) await (await inspectFrame(page, i + 1)).getByLabel('Caption').fill(caption);
  await page.getByRole('button', { name: 'Generate all' }).click();
  await expectThumbnailsLoaded(page, 4);
  await frameCard(page, 2).getByRole('button', { name: 'Regenerate frame 2 with a new seed' }).click();
  await expect(frameCard(page, 2).getByTestId('variant-count')).toHaveText('2', { timeout: 20_000 });
  await (await inspectFrame(page, 3)).getByRole('button', { name: 'Move frame 3 down' }).click();
  await expect(frameCard(page, 3).locator('[data-status]')).toHaveAttribute('data-status', 'stale');
  await page.evaluate('window.scrollTo(0, 0)');

  await inBothThemes(page, (theme) => shoot(page, testInfo, `board-${theme}`));
  await page.getByRole('button', { name: 'Small cards' }).click();
  await inBothThemes(page, (theme) => shoot(page, testInfo, `board-small-${theme}`));
  await page.getByRole('button', { name: 'Medium cards' }).click();

  await frameCard(page, 2).getByRole('button', { name: 'Variants of frame 2' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await inBothThemes(page, (theme) => shoot(page, testInfo, `viewer-${theme}`));
  await page.keyboard.press('Escape');

  await page.keyboard.press('?');
  await shoot(page, testInfo, 'shortcuts-light');
});

test('tour: generating, with live previews and a queued job', async ({ app: page, server, fixtureModels }, testInfo) => {
  const { projectId } = await openNewStory(page, server, { modelPath: fixtureModels.sd15, settings: { width: 256, height: 256, steps: 100 } });
  await page.getByRole('button', { name: 'Generate all' }).click();
  await page.getByRole('button', { name: 'Generate all' }).click();
  await expect(page.getByText(/step [1-9]\d* of 100/)).toBeVisible({ timeout: 20_000 });
  await expect(frameCard(page, 1).getByRole('img', { name: 'Frame 1, in progress' })).toBeVisible();
  await inBothThemes(page, (theme) => shoot(page, testInfo, `generating-${theme}`));
  for (const job of await callApi(server, 'jobs.list', { projectId })) if (job.status === 'queued' || job.status === 'running') await callApi(server, 'jobs.cancel', { id: job.id });
});

test('tour: a long story in windows, a prompt that does not fit, adding a model', async ({ app: page, server, fixtureModels }, testInfo) => {
  const prompts = [...FOUR_FRAMES, ...FOUR_FRAMES, ...FOUR_FRAMES].map((p, i) => `${p} ${i + 1}`);
  prompts[6] = 'a very long prompt that goes on and on '.repeat(10).trim();
  await openNewStory(page, server, { modelPath: fixtureModels.sd15, prompts });
  const meter = page.getByRole('group', { name: 'Token budget' });
  await expect(meter.getByRole('alert')).toBeVisible();
  await page.getByRole('button', { name: 'Add model folder…' }).click();
  await page.getByLabel('Model folder').fill('/no/such/folder');
  await page.getByRole('button', { name: 'Add model', exact: true }).click();
  await inBothThemes(page, (theme) => shoot(page, testInfo, `story-panel-error-${theme}`));

  // Shortened, the twelve frames fit, in sliding windows of ten.
  await (await inspectFrame(page, 7)).getByLabel('Prompt', { exact: true }).fill('resting by the river');
  await expect(meter.getByRole('alert')).toHaveCount(0);
  await meter.locator('summary').click();
  await inBothThemes(page, (theme) => shoot(page, testInfo, `story-panel-windows-${theme}`));
});
