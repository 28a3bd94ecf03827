// The image viewer on a generated story (fixture model): frame to frame with ← / →, zoom, copy seed, save the
// exact PNG, and variants compared side by side with "use this" (undoable).
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { currentRenderIds, expectNoActiveJobs, expectThumbnailsLoaded, imageBytes, openNewStory } from './editor-helpers.ts';
import { callApi, expect, frameCard, test, type BrowserModeServer } from './fixtures.ts';

async function generatedStory(page: Page, server: BrowserModeServer, modelPath: string) {
  const story = await openNewStory(page, server, { modelPath });
  await page.getByRole('button', { name: 'Generate all' }).click();
  await expectThumbnailsLoaded(page, 4);
  await expectNoActiveJobs(server, story.projectId);
  return story;
}

const zoomPercent = async (page: Page) => Number((await page.getByTestId('zoom-level').textContent())?.replace('%', ''));

test('viewer: ← / → go through the story, zoom in, out and fit, copy the seed, save the exact PNG', async ({ app: page, server, fixtureModels }) => {
  const { projectId } = await generatedStory(page, server, fixtureModels.sd15);
  const renderIds = (await currentRenderIds(server, projectId)) as string[];

  // Enter on a card's picture selects it, a second Enter opens it large
  await frameCard(page, 1).getByRole('button', { name: 'Edit frame 1', exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  const viewer = page.getByRole('dialog', { name: /^Frame 1 of 4/ });
  await expect(viewer).toBeVisible();
  const image = page.getByRole('dialog').getByRole('img', { name: /^Frame \d, variant 1$/ });
  await expect(image).toHaveAttribute('src', new RegExp(renderIds[0]));
  await expect(page.getByTestId('viewer-viewport')).toBeFocused();

  // ← / → move between frames; the title and the image follow, and the ends stay put.
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('dialog', { name: /^Frame 2 of 4 · shot 2/ })).toBeVisible();
  await expect(image).toHaveAttribute('src', new RegExp(renderIds[1]));
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('dialog', { name: /^Frame 4 of 4/ })).toBeVisible();
  await expect(image).toHaveAttribute('src', new RegExp(renderIds[3]));
  await page.getByRole('button', { name: 'Previous frame' }).click();
  await page.keyboard.press('ArrowLeft');
  const second = page.getByRole('dialog', { name: /^Frame 2 of 4/ });
  await expect(second).toBeVisible();
  await expect(image).toHaveAttribute('src', new RegExp(renderIds[1]));

  // Zoom: starts fitted (a 64 px render fills the view), + and the wheel zoom in, − out, F fits again, 1 is 1:1.
  await expect(second.getByRole('button', { name: 'Fit' })).toHaveAttribute('aria-pressed', 'true');
  const fitted = await zoomPercent(page);
  expect(fitted).toBeGreaterThan(100);
  await second.getByRole('button', { name: 'Zoom in' }).click();
  await expect.poll(() => zoomPercent(page)).toBeGreaterThan(fitted);
  const viewport = page.getByTestId('viewer-viewport');
  const box = (await viewport.boundingBox())!;
  await page.mouse.move(box.x + box.width / 3, box.y + box.height / 3);
  const beforeWheel = await zoomPercent(page);
  await page.mouse.wheel(0, -200);
  await expect.poll(() => zoomPercent(page)).toBeGreaterThan(beforeWheel);
  const zoomedIn = await zoomPercent(page);

  // Zoomed past the view, the image pans with Shift+arrows and with a drag, and stays within its edges.
  const shown = viewport.getByRole('img');
  const transform = () => shown.evaluate((img) => (img as unknown as { style: { transform: string } }).style.transform);
  const before = await transform();
  await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(transform).not.toBe(before);
  const afterKeys = await transform();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 40, { steps: 5 });
  await page.mouse.up();
  await expect.poll(transform).not.toBe(afterKeys);
  expect(await zoomPercent(page)).toBe(zoomedIn);

  await page.keyboard.press('-');
  await expect.poll(() => zoomPercent(page)).toBeLessThan(zoomedIn);
  await page.keyboard.press('f');
  await expect.poll(() => zoomPercent(page)).toBe(fitted);
  await page.keyboard.press('1');
  await expect.poll(() => zoomPercent(page)).toBe(100);
  await second.getByRole('button', { name: 'Fit' }).click();
  await expect.poll(() => zoomPercent(page)).toBe(fitted);

  // Copy seed: the render's seed on the clipboard, and said so.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  const [render] = await callApi(server, 'renders.list', { frameId: (await callApi(server, 'projects.get', { id: projectId })).frames[1].id });
  await second.getByRole('button', { name: 'Copy seed' }).click();
  await expect(second.getByRole('status').filter({ hasText: 'Seed copied.' })).toBeVisible();
  expect(await page.evaluate('navigator.clipboard.readText()')).toBe(String(render.params.seed));
  await expect(second.getByTestId('render-details')).toContainText(`Seed${render.params.seed}`);
  await expect(second.getByTestId('render-details')).toContainText(render.params.storyPrompt);

  // Save image: the download is the stored PNG, byte for byte.
  const download = page.waitForEvent('download');
  await second.getByRole('button', { name: 'Save image' }).click();
  const saved = await readFile((await (await download).path())!);
  expect(saved.equals(await imageBytes(server, renderIds[1]))).toBe(true);

  await page.keyboard.press('Escape');
  await expect(second).toBeHidden();
  // a double click on a card's picture opens it large too
  await frameCard(page, 3).getByRole('button', { name: 'Edit frame 3', exact: true }).dblclick();
  await expect(page.getByRole('dialog', { name: /^Frame 3 of 4/ })).toBeVisible();
  await expect(page.getByTestId('viewer-viewport')).toBeFocused(); // afresh, not on the button used before closing
});

test('viewer: two variants side by side, "use this" makes one current, and undo takes it back', async ({ app: page, server, fixtureModels }) => {
  const { projectId, frameIds } = await generatedStory(page, server, fixtureModels.sd15);
  await frameCard(page, 1).getByRole('button', { name: 'Regenerate frame 1 with a new seed' }).click();
  await expect(frameCard(page, 1).getByTestId('variant-count')).toHaveText('2', { timeout: 20_000 });
  await expectNoActiveJobs(server, projectId);
  const [first, second] = await callApi(server, 'renders.list', { frameId: frameIds[0] });
  expect((await currentRenderIds(server, projectId))[0]).toBe(second.id);

  await frameCard(page, 1).getByRole('button', { name: 'Variants of frame 1' }).click();
  const viewer = page.getByRole('dialog', { name: /^Frame 1 of 4/ });
  await viewer.getByRole('button', { name: 'Compare variants' }).click();
  const compared = viewer.getByTestId('compared-variant');
  await expect(compared).toHaveCount(2);
  await expect(compared.nth(0)).toContainText(`seed ${first.params.seed}`);
  await expect(compared.nth(1)).toContainText(`seed ${second.params.seed}`);
  await expect(compared.nth(1)).toContainText('current');

  await viewer.getByRole('button', { name: 'Use variant 1' }).click();
  await expect(compared.nth(0)).toContainText('current');
  await expect(viewer.getByRole('button', { name: 'Use variant 2' })).toBeVisible();
  await expect.poll(async () => (await currentRenderIds(server, projectId))[0]).toBe(first.id);

  // Undoable as any variant choice, from inside the viewer.
  await page.keyboard.press('Control+z');
  await expect(compared.nth(1)).toContainText('current');
  await expect.poll(async () => (await currentRenderIds(server, projectId))[0]).toBe(second.id);
});
