// The storyboard board (issue 13): image-first cards, the inspector beside them, scenes, board zoom.
import type { Locator, Page } from '@playwright/test';
import { expectNoActiveJobs, openNewStory, QUICK } from './editor-helpers.ts';
import { callApi, drag, expect, expectSaved, frameCard, inspectFrame, inspector, test } from './fixtures.ts';

test.use({ viewport: { width: 1440, height: 900 } });

const TWELVE = Array.from({ length: 12 }, (_, i) => `the fox, moment ${i + 1}`);
const SIXTEEN_NINE = { width: 1024, height: 576, steps: 3 };

const SHOTS = [
  { shotType: 'WS', camera: 'static', action: 'The fox wakes in the burrow.', speaker: 'FOX', dialogue: 'Another day.' },
  { shotType: 'CU', camera: 'dolly', action: 'Paws on wet stones.', speaker: '', dialogue: '' },
  { shotType: 'low angle', camera: 'crane up', action: 'The hill at sunset.', speaker: 'OWL', dialogue: 'Late again, fox.' },
];

async function fillShot(panel: Locator, shot: (typeof SHOTS)[number]): Promise<void> {
  await panel.getByLabel('Shot type').fill(shot.shotType);
  await panel.getByLabel('Camera').fill(shot.camera);
  await panel.getByLabel('Action').fill(shot.action);
  await panel.getByLabel('Speaker').fill(shot.speaker);
  await panel.getByLabel('Dialogue').fill(shot.dialogue);
}

/** Cards whose whole box lies inside the window, scrolled to the top. */
async function cardsFullyVisible(page: Page): Promise<number> {
  const viewport = page.viewportSize()!;
  let visible = 0;
  for (const card of await page.getByRole('list', { name: 'Frames' }).getByRole('listitem').all()) {
    const box = await card.boundingBox();
    if (box && box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height) visible++;
  }
  return visible;
}

test('board: shot, camera, action and dialogue on three frames persist across a reload and show on the cards', async ({ app: page, server }) => {
  const { projectId, frameIds } = await openNewStory(page, server, { prompts: TWELVE.slice(0, 3) });
  for (const [i, shot] of SHOTS.entries()) await fillShot(await inspectFrame(page, i + 1), shot);
  // The shot number is automatic until written; frame 3 gets its own, frame 2 stays automatic.
  await (await inspectFrame(page, 3)).getByLabel('Shot number').fill('12A');
  await expectSaved(page);

  await page.reload();
  for (const [i, shot] of SHOTS.entries()) {
    const panel = await inspectFrame(page, i + 1);
    for (const [field, label] of [['shotType', 'Shot type'], ['camera', 'Camera'], ['action', 'Action'], ['speaker', 'Speaker'], ['dialogue', 'Dialogue']] as const) {
      await expect(panel.getByLabel(label)).toHaveValue(shot[field]);
    }
  }
  const { frames } = await callApi(server, 'projects.get', { id: projectId });
  expect(frames.map((f) => f.id)).toEqual(frameIds);
  expect(frames.map(({ shotType, camera, action, speaker, dialogue }) => ({ shotType, camera, action, speaker, dialogue }))).toEqual(SHOTS);
  expect(frames.map((f) => [f.shotNumber, f.shotNumberAuto])).toEqual([['1', true], ['2', true], ['12A', false]]);

  // The card reads as a board: shot number, shot type and camera, and the action.
  await expect(frameCard(page, 3)).toContainText('12A');
  await expect(frameCard(page, 3)).toContainText('low angle · crane up');
  await expect(frameCard(page, 3).getByTestId('frame-line')).toHaveText('The hill at sunset.');
  // "Automatic" takes the written number back.
  await inspector(page).getByRole('button', { name: 'Number this shot automatically' }).click();
  await expect(frameCard(page, 3)).toContainText('3');
  await expect.poll(async () => (await callApi(server, 'projects.get', { id: projectId })).frames[2].shotNumberAuto).toBe(true);
});

test('board: at 1440×900 the default board shows at least 8 frames of a 16:9 story without scrolling', async ({ app: page, server }, testInfo) => {
  await openNewStory(page, server, { prompts: TWELVE, settings: SIXTEEN_NINE });
  await expect(page.getByRole('list', { name: 'Frames' }).getByRole('listitem')).toHaveCount(12);
  await inspectFrame(page, 1);
  await page.evaluate('window.scrollTo(0, 0)');
  const box = (await frameCard(page, 1).getByRole('button', { name: 'Edit frame 1' }).boundingBox())!;
  expect(box.width / box.height).toBeCloseTo(16 / 9, 1);
  expect(await cardsFullyVisible(page)).toBeGreaterThanOrEqual(8);
  await page.screenshot({ path: testInfo.outputPath('board-light.png') });
});

test('board: a scene heading groups frames; dragging a frame into it joins the scene; add, rename and delete are undoable', async ({ app: page, server }) => {
  const { projectId, frameIds } = await openNewStory(page, server, { prompts: TWELVE.slice(0, 4) });
  const sceneIdsOf = async () => (await callApi(server, 'projects.get', { id: projectId })).frames.map((f) => f.sceneId);

  // "Add scene" starts a scene at the selected frame: it and the frames after it go under the new heading.
  await inspectFrame(page, 3);
  await page.getByRole('button', { name: 'Add scene' }).click();
  const heading = page.getByLabel('Scene heading');
  await expect(heading).toBeFocused();
  await heading.fill('EXT. HILL – SUNSET');
  await heading.press('Enter');
  await expect(heading).toHaveValue('EXT. HILL – SUNSET');
  await expect.poll(async () => (await callApi(server, 'projects.get', { id: projectId })).scenes.map((s) => s.heading)).toEqual(['EXT. HILL – SUNSET']);
  const [scene] = (await callApi(server, 'projects.get', { id: projectId })).scenes;
  expect(await sceneIdsOf()).toEqual([null, null, scene.id, scene.id]);

  // Drag frame 1 onto frame 4, inside the scene: it moves there and joins the scene, as one undo step.
  await drag(page, frameCard(page, 1).getByRole('button', { name: 'Drag to reorder frame 1' }), frameCard(page, 4).getByRole('button', { name: 'Drag to reorder frame 4' }));
  await expect.poll(async () => (await callApi(server, 'projects.get', { id: projectId })).frames.map((f) => f.id)).toEqual([frameIds[1], frameIds[2], frameIds[3], frameIds[0]]);
  // The scene is saved like a typed field (after the save queue's pause), the order at once.
  await expect.poll(sceneIdsOf).toEqual([null, scene.id, scene.id, scene.id]);
  await expect(page.getByRole('list', { name: 'Frames' })).toContainText('3 frames');
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(async () => (await callApi(server, 'projects.get', { id: projectId })).frames.map((f) => f.id)).toEqual(frameIds);
  await expect.poll(sceneIdsOf).toEqual([null, null, scene.id, scene.id]);

  // Deleting the heading leaves its frames in no scene; undo brings it back, with them.
  await page.getByRole('button', { name: 'Delete scene EXT. HILL – SUNSET' }).click();
  await expect(heading).toHaveCount(0);
  await expect.poll(sceneIdsOf).toEqual([null, null, null, null]);
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(heading).toHaveValue('EXT. HILL – SUNSET');
  await expect.poll(async () => (await callApi(server, 'projects.get', { id: projectId })).scenes.length).toBe(1);
  const [restored] = (await callApi(server, 'projects.get', { id: projectId })).scenes;
  await expect.poll(sceneIdsOf).toEqual([null, null, restored.id, restored.id]);

  // The inspector's scene field moves a frame into the scene.
  await (await inspectFrame(page, 2)).getByLabel('Scene').selectOption({ label: 'EXT. HILL – SUNSET' });
  await expect.poll(sceneIdsOf).toEqual([null, restored.id, restored.id, restored.id]);
  await page.reload();
  await expect(page.getByLabel('Scene heading')).toHaveValue('EXT. HILL – SUNSET');
  await expect(page.getByRole('list', { name: 'Frames' })).toContainText('3 frames');
});

test('board: ← / → / Home / End / ↑ / ↓ on a card select the neighbouring frame, and focus goes with the selection', async ({ app: page, server }) => {
  await openNewStory(page, server, { prompts: TWELVE });
  const picture = (n: number) => frameCard(page, n).getByRole('button', { name: `Edit frame ${n}`, exact: true });
  const inspected = (n: number) => expect(inspector(page).getByRole('heading', { name: `Frame ${n}`, exact: true })).toBeVisible();
  await picture(1).focus();
  await page.keyboard.press('ArrowRight');
  await inspected(2);
  await expect(picture(2)).toBeFocused();
  await page.keyboard.press('End');
  await inspected(12);
  await expect(picture(12)).toBeFocused();
  await page.keyboard.press('ArrowRight'); // the last frame stays selected
  await expect(picture(12)).toBeFocused();
  await page.keyboard.press('Home');
  await inspected(1);
  await expect(picture(1)).toBeFocused();
  // ↓: the card straight below, in the next row; ↑ back up
  await page.keyboard.press('ArrowDown');
  const below = page.locator(':focus');
  const [from, to] = [(await picture(1).boundingBox())!, (await below.boundingBox())!];
  expect(to.x).toBeCloseTo(from.x, 0);
  expect(to.y).toBeGreaterThan(from.y + from.height / 2);
  await expect(inspector(page).getByRole('heading', { name: /^Frame (?!1$)\d+$/ })).toBeVisible();
  await page.keyboard.press('ArrowUp');
  await inspected(1);
  await expect(picture(1)).toBeFocused();
  // Delete takes the frame out, the next one taking its place and the focus; undo brings it back
  await page.keyboard.press('Delete');
  await expect(page.getByRole('heading', { name: 'Frames' })).toContainText('11');
  await inspected(1);
  await expect(picture(1)).toBeFocused();
  await expect(inspector(page).getByLabel('Prompt', { exact: true })).toHaveValue(TWELVE[1]);
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(page.getByRole('heading', { name: 'Frames' })).toContainText('12');
});

test('board: board-field edits undo and redo', async ({ app: page, server }) => {
  const { projectId } = await openNewStory(page, server, { prompts: TWELVE.slice(0, 2) });
  const panel = await inspectFrame(page, 2);
  await panel.getByLabel('Shot type').fill('OTS');
  await panel.getByLabel('Shot type').blur();
  await panel.getByLabel('Dialogue').fill('Who goes there?');
  await panel.getByLabel('Dialogue').blur();
  await expectSaved(page);

  await page.keyboard.press('ControlOrMeta+Z');
  await expect(panel.getByLabel('Dialogue')).toHaveValue('');
  await expect(panel.getByLabel('Shot type')).toHaveValue('OTS');
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(panel.getByLabel('Shot type')).toHaveValue('');
  await page.keyboard.press('ControlOrMeta+Shift+Z');
  await page.keyboard.press('ControlOrMeta+Shift+Z');
  await expect(panel.getByLabel('Dialogue')).toHaveValue('Who goes there?');
  await expect(frameCard(page, 2).getByTestId('frame-line')).toHaveText('“Who goes there?”');
  await expectSaved(page);
  const frame = (await callApi(server, 'projects.get', { id: projectId })).frames[1];
  expect([frame.shotType, frame.dialogue]).toEqual(['OTS', 'Who goes there?']);
});

test('board: Ctrl + / Ctrl − / Ctrl 0 change the card size, kept after a reload', async ({ app: page, server }) => {
  await openNewStory(page, server, { prompts: TWELVE.slice(0, 6), settings: SIXTEEN_NINE });
  const list = page.getByRole('list', { name: 'Frames' });
  const width = async () => (await frameCard(page, 1).boundingBox())!.width;
  await expect(list).toHaveAttribute('data-zoom', 'medium');
  const medium = await width();

  await page.keyboard.press('ControlOrMeta+Equal');
  await expect(list).toHaveAttribute('data-zoom', 'large');
  expect(await width()).toBeGreaterThan(medium);
  await page.keyboard.press('ControlOrMeta+Minus');
  await page.keyboard.press('ControlOrMeta+Minus');
  await expect(list).toHaveAttribute('data-zoom', 'small');
  expect(await width()).toBeLessThan(medium);
  await expect(page.getByRole('button', { name: 'Small cards' })).toHaveAttribute('aria-pressed', 'true');

  await page.reload();
  await expect(list).toHaveAttribute('data-zoom', 'small');
  await page.keyboard.press('ControlOrMeta+0');
  await expect(list).toHaveAttribute('data-zoom', 'medium');
  expect(await width()).toBeCloseTo(medium, 0);
});

test('project list: each story shows a strip of its first pictures', async ({ app: page, server, fixtureModels }) => {
  const { projectId } = await openNewStory(page, server, { modelPath: fixtureModels.sd15, prompts: TWELVE.slice(0, 8), settings: QUICK });
  await callApi(server, 'jobs.generate', { projectId });
  await expectNoActiveJobs(server, projectId);
  const { frames } = await callApi(server, 'projects.get', { id: projectId });

  await page.getByRole('link', { name: '← All projects' }).click();
  const strip = page.getByRole('listitem', { name: 'Fox story' }).getByTestId('thumbnail-strip').locator('img');
  await expect(strip).toHaveCount(6);
  const sources = await strip.evaluateAll((imgs) => imgs.map((img) => (img as unknown as { src: string }).src));
  expect(sources.map((src) => frames.findIndex((f) => f.currentRenderId !== null && src.includes(f.currentRenderId)))).toEqual([0, 1, 2, 3, 4, 5]);
  const loaded = (img: unknown) => (img as { complete: boolean; naturalWidth: number }).complete && (img as { naturalWidth: number }).naturalWidth > 0;
  for (const img of await strip.all()) await expect.poll(() => img.evaluate(loaded), { timeout: 10_000 }).toBe(true);
});
