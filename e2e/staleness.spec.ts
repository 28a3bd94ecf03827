// Staleness the user can read (issue 12): moving α marks every card out of date with the reason in the inspector; keeping
// the pictures lets the story export without placeholders; a prompt edit explains, once, why it stales its window.
import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { expectNoActiveJobs, expectStatus, expectThumbnailsLoaded, openNewStory } from './editor-helpers.ts';
import { callApi, expect, inspectFrame, test } from './fixtures.ts';

test.use({ viewport: { width: 1440, height: 1000 } });

test('stale reasons on the cards after moving α; kept frames export without placeholders', async ({ app: page, server, fixtureModels }, testInfo) => {
  const prompts = ['waking up in a burrow', 'crossing a stream', 'watching the sunset'];
  const { projectId } = await openNewStory(page, server, { modelPath: fixtureModels.sd15, prompts });
  await callApi(server, 'jobs.generate', { projectId });
  await expectNoActiveJobs(server, projectId);
  await expectThumbnailsLoaded(page, 3);
  for (const n of [1, 2, 3]) await expectStatus(page, n, 'done');

  // One step of the α slider: every card goes stale and the inspector says what changed.
  const alpha = page.getByRole('slider', { name: 'α (enhance)' });
  await alpha.focus();
  await page.keyboard.press('ArrowRight');
  await alpha.blur();
  for (const n of [1, 2, 3]) {
    await expectStatus(page, n, 'stale');
    await expect((await inspectFrame(page, n)).getByTestId('stale-reasons')).toContainText('Out of date: α changed: 0.01 → 0.0105');
  }
  await page.screenshot({ path: testInfo.outputPath('stale-reasons.png') });

  // Keep all three: they read "kept despite", and an export finds nothing to put placeholders for.
  for (const n of [1, 2, 3]) await (await inspectFrame(page, n)).getByRole('button', { name: `Keep frame ${n} as it is` }).click();
  for (const n of [1, 2, 3]) {
    await expect((await inspectFrame(page, n)).getByTestId('stale-reasons')).toContainText('Kept despite: α changed: 0.01 → 0.0105');
    await expectStatus(page, n, 'done');
  }
  await expect(page.getByRole('button', { name: /Regenerate stale/ })).toBeDisabled();
  await expect.poll(async () => (await callApi(server, 'exports.check', { projectId })).problems).toEqual([]);

  await page.keyboard.press('ControlOrMeta+E');
  const dialog = page.getByRole('dialog', { name: 'Export “Fox story”' });
  await expect(dialog).toBeVisible();
  const preview = dialog.getByRole('img', { name: /^Preview of the PDF/ });
  await expect(preview.locator('img')).toHaveCount(3); // laid out: the three renders shown
  await expect(preview.locator('[data-placeholder]')).toHaveCount(0);
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export PDF' }).click();
  const pdf = readFileSync(await (await download).path());
  expect((await PDFDocument.load(pdf)).getPageCount()).toBeGreaterThan(0);
  await expect(dialog.getByRole('status')).toContainText('Exported Fox story storyboard.pdf');
  await expect(dialog.getByRole('status')).not.toContainText('placeholders');
  await page.keyboard.press('Escape');

  // Undo takes the last keep back; editing a prompt then explains once why the whole window went stale.
  await page.keyboard.press('ControlOrMeta+Z');
  await expectStatus(page, 3, 'stale');
  await (await inspectFrame(page, 2)).getByLabel('Prompt', { exact: true }).fill('crossing a river');
  const note = page.getByRole('complementary', { name: 'Why editing one prompt affects other frames' });
  await expect(note).toBeVisible();
  await expect((await inspectFrame(page, 1)).getByTestId('stale-reasons')).toContainText("the story prompt changed: frame 2's prompt was edited");
  await note.getByRole('button', { name: 'Got it' }).click();
  await expect(note).toBeHidden();
  await page.reload();
  await expectStatus(page, 1, 'done');
  await expect((await inspectFrame(page, 1)).getByTestId('stale-reasons')).toContainText('+1 more');
  await expect(note).toBeHidden();
});
