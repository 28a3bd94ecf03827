// Defects a trial found in the editor (issue 12): a drag near the window's edge widened the page, a closed dialog
// drew a line under the header, the seed field cut 10-digit seeds, the project name took the whole row, Ctrl+E did
// nothing from a frame's field, export choices were forgotten on reload, and the export dialog offered no way to
// generate what was not ready.
import type { Page } from '@playwright/test';
import { expectNoActiveJobs, openNewStory } from './editor-helpers.ts';
import { callApi, expect, frameCard, inspectFrame, test } from './fixtures.ts';

// The trial's window.
test.use({ viewport: { width: 1440, height: 1000 } });

const EIGHT = Array.from({ length: 8 }, (_, j) => `scene number ${j + 1}`);

/** Widths of the page: what scrolls sideways, and the viewport's (without its scroll bar). Script strings: the e2e sources are type-checked without the DOM library. */
const pageWidths = (page: Page) =>
  page.evaluate<{ scroll: number; viewport: number; scrollX: number }>(
    '({ scroll: document.scrollingElement.scrollWidth, viewport: document.documentElement.clientWidth, scrollX: window.scrollX })',
  );

test('layout: a drag over the last column keeps the page its width; closed dialogs take no room; fields fit what they hold', async ({ app: page, server }) => {
  await openNewStory(page, server, { prompts: EIGHT });

  // Every closed <dialog> is hidden, whatever display utility it carries.
  const shown = await page.evaluate<number>(`[...document.querySelectorAll('dialog:not([open])')].filter((d) => getComputedStyle(d).display !== 'none').length`);
  expect(shown).toBe(0);
  expect(await page.locator('dialog').count()).toBeGreaterThan(0);

  // Drag frame 1 by its handle to the window's right edge (over the inspector) and hold it there, where dnd-kit scrolls after the pointer.
  const handle = frameCard(page, 1).getByRole('button', { name: 'Drag to reorder frame 1' });
  const from = (await handle.boundingBox())!;
  const last = (await frameCard(page, 1).boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 20, from.y + 20, { steps: 4 });
  await page.mouse.move(1440 - 12, last.y + 40, { steps: 25 });
  await page.waitForTimeout(800);
  const during = await pageWidths(page);
  await page.mouse.up();
  expect(during).toEqual({ scroll: during.viewport, viewport: during.viewport, scrollX: 0 });
  expect(during.viewport).toBeGreaterThan(1400);
  const after = await pageWidths(page);
  expect(after.scroll).toBe(after.viewport);

  // The project name is as wide as the name: a click in the empty row beside it edits nothing.
  const name = page.getByLabel('Project name', { exact: true });
  const nameBox = (await name.boundingBox())!;
  expect(nameBox.width).toBeLessThan(400);
  await page.mouse.click(nameBox.x + nameBox.width + 200, nameBox.y + nameBox.height / 2);
  await expect(name).not.toBeFocused();

  // A 10-digit seed is whole in the inspector's seed field.
  const seed = (await inspectFrame(page, 1)).getByLabel('Frame seed');
  await seed.fill('1832819952');
  const fits = () => seed.evaluate((el) => (el as unknown as { scrollWidth: number; clientWidth: number }).scrollWidth <= (el as unknown as { clientWidth: number }).clientWidth);
  expect(await fits()).toBe(true);
  await expect(seed).toHaveValue('1832819952');
});

test('export: Ctrl+E from a frame field; choices kept after a reload; "Generate them first" queues what is not ready, not kept frames', async ({ app: page, server, fixtureModels }) => {
  const { projectId, frameIds } = await openNewStory(page, server, { modelPath: fixtureModels.sd15, prompts: ['waking up', 'crossing a stream', 'the sunset'] });
  await callApi(server, 'jobs.generate', { projectId, frameIds: frameIds.slice(0, 2) });
  await expectNoActiveJobs(server, projectId);
  // α moves: frames 1 and 2 go out of date; frame 1 is kept as it is; frame 3 was never generated.
  await callApi(server, 'projects.update', { id: projectId, patch: { settings: { reweight: { alphaEnhance: 0.0125 } } } });
  await callApi(server, 'frames.update', { id: frameIds[0], patch: { kept: true } });
  const keptRender = (await callApi(server, 'projects.get', { id: projectId })).frames[0].currentRenderId;
  await page.reload();

  // The shortcut works with the caret in a frame's prompt.
  await (await inspectFrame(page, 2)).getByLabel('Prompt', { exact: true }).focus();
  await page.keyboard.press('ControlOrMeta+E');
  const dialog = page.getByRole('dialog', { name: 'Export “Fox story”' });
  await expect(dialog).toBeVisible();

  // Problems as it opens, with their reasons; the kept frame is not among them.
  const problems = dialog.getByRole('list', { name: 'Frames not ready to export' });
  await expect(problems.getByRole('listitem')).toHaveText(['Frame 2: out of date (α changed: 0.01 → 0.0125)', 'Frame 3: not generated yet']);

  // Choices made now are there after a reload.
  await dialog.getByRole('tab', { name: 'GIF' }).click();
  await dialog.getByLabel('Width (pixels)').fill('96');
  await dialog.getByLabel('Width (pixels)').blur();
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await page.reload();
  await expect(page.getByLabel('Project name', { exact: true })).toHaveValue('Fox story');
  await page.keyboard.press('ControlOrMeta+E');
  await expect(dialog.getByRole('tab', { name: 'GIF' })).toHaveAttribute('aria-selected', 'true');
  await expect(dialog.getByLabel('Width (pixels)')).toHaveValue('96');

  // "Generate them first" queues frames 2 and 3 and closes the dialog; the kept frame keeps its picture.
  await expect(problems.getByRole('listitem')).toHaveCount(2);
  await dialog.getByRole('button', { name: 'Generate them first' }).click();
  await expect(dialog).toBeHidden();
  const jobs = await callApi(server, 'jobs.list', { projectId });
  expect(jobs.map((j) => j.frameIds).sort((a, b) => a[0].localeCompare(b[0]))).toEqual(
    [frameIds.slice(0, 2), [frameIds[1], frameIds[2]]].sort((a, b) => a[0].localeCompare(b[0])),
  );
  await expectNoActiveJobs(server, projectId);
  expect((await callApi(server, 'projects.get', { id: projectId })).frames[0].currentRenderId).toBe(keptRender);
  expect((await callApi(server, 'exports.check', { projectId })).problems).toEqual([]);
});
