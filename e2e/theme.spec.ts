import { addFrame, createProject, expect, test } from './fixtures.ts';

test('theme: follows the system until toggled, then keeps the choice', async ({ page, server }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(server.url);
  const html = page.locator('html');
  await expect(html).toHaveClass(/dark/);

  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await expect(html).not.toHaveClass(/dark/);
  await page.reload();
  await expect(html).not.toHaveClass(/dark/);

  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await expect(html).toHaveClass(/dark/);
});

test('theme: screenshots of both themes', async ({ app: page }, testInfo) => {
  await createProject(page, 'A fox’s day');
  await page.getByLabel('Identity prompt').fill('a watercolor illustration of a red fox');
  await addFrame(page, 'waking up in a burrow', 'Morning');
  await addFrame(page, 'crossing a stream on stones', 'The journey');
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.getByRole('link', { name: 'All projects' }).click();
    await page.screenshot({ path: testInfo.outputPath(`projects-${theme}.png`) });
    await page.getByRole('link', { name: 'A fox’s day' }).click();
    await page.screenshot({ path: testInfo.outputPath(`project-${theme}.png`), fullPage: true });
  }
});
