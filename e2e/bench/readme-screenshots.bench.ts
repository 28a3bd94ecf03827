// The README's screenshots (docs/screenshots): the board, the inspector, the player and the viewer, light and dark.
// Not a test; run on demand after a UI change and commit the PNGs it writes:
//   npx electron-vite build && npx playwright test --config e2e/bench/playwright.config.ts readme-screenshots
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import sharp from 'sharp';
import { expectThumbnailsLoaded, openNewStory } from '../editor-helpers.ts';
import { callApi, expect, inspectFrame, repoRoot, test } from '../fixtures.ts';

const OUT = join(repoRoot, 'docs', 'screenshots');
/** Small enough to keep in git, large enough to read the board. */
const WIDTH = 960;

test.use({ viewport: { width: 1440, height: 900 } });

const SHOTS = [
  { prompt: 'waking up in a burrow', shotType: 'EWS', camera: 'static', action: 'Dawn light reaches the burrow.', speaker: '', dialogue: '', caption: 'Morning' },
  { prompt: 'stretching at the burrow entrance', shotType: 'MS', camera: 'pan', action: 'The fox stretches and yawns.', speaker: '', dialogue: '', caption: '' },
  { prompt: 'sniffing the morning air', shotType: 'CU', camera: 'dolly', action: '', speaker: 'FOX', dialogue: 'Something smells like berries.', caption: 'The first smell of the day' },
  { prompt: 'crossing a stream on stones', shotType: 'WS', camera: 'tilt', action: 'Stone by stone across the stream.', speaker: '', dialogue: '', caption: '' },
  { prompt: 'slipping on a wet stone', shotType: 'MCU', camera: 'handheld', action: 'A paw slips; a splash.', speaker: '', dialogue: '', caption: '' },
  { prompt: 'eating berries in a thicket', shotType: 'MS', camera: 'static', action: '', speaker: 'FOX', dialogue: 'Worth getting wet for.', caption: 'Breakfast' },
  { prompt: 'climbing a hill at dusk', shotType: 'WS', camera: 'crane', action: 'The fox climbs toward the last light.', speaker: '', dialogue: '', caption: '' },
  { prompt: 'watching the sunset', shotType: 'OTS', camera: 'zoom', action: 'The sun sets over the valley.', speaker: '', dialogue: '', caption: 'The end of the day' },
];

async function save(shot: Buffer, name: string): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  await sharp(shot).resize({ width: WIDTH, withoutEnlargement: true }).png({ palette: true, quality: 90, effort: 10 }).toFile(join(OUT, `${name}.png`));
}

/** The window, or only the part of it where `part` shows (above the timeline, which stays over the page's foot). */
async function inBothThemes(page: Page, name: string, part?: Locator): Promise<void> {
  const clip = part ? await visibleBox(page, part) : undefined;
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    // Buttons fade between colours: let them settle.
    await page.waitForTimeout(400);
    await save(await page.screenshot({ clip }), `${name}-${theme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function visibleBox(page: Page, part: Locator) {
  const box = (await part.boundingBox())!;
  const timeline = await page.getByRole('region', { name: 'Timeline' }).boundingBox();
  const bottom = Math.min(box.y + box.height, timeline?.y ?? Infinity);
  return { x: box.x, y: box.y, width: box.width, height: bottom - box.y };
}

test('README screenshots: board, inspector, player and viewer, light and dark', async ({ app: page, server, fixtureModels }) => {
  const { projectId, frameIds } = await openNewStory(page, server, {
    name: 'The fox’s day',
    modelPath: fixtureModels.sd15,
    prompts: SHOTS.map((s) => s.prompt),
    settings: { width: 256, height: 144, steps: 4 },
  });
  for (const [i, { shotType, camera, action, speaker, dialogue, caption }] of SHOTS.entries()) {
    await callApi(server, 'frames.update', { id: frameIds[i], patch: { shotType, camera, action, speaker, dialogue, caption } });
  }
  await callApi(server, 'scenes.add', { projectId, heading: 'EXT. FOREST – DAWN', frameIds: frameIds.slice(0, 3) });
  await callApi(server, 'scenes.add', { projectId, heading: 'EXT. STREAM – DAY', frameIds: frameIds.slice(3) });
  await page.reload();

  await page.getByRole('button', { name: 'Generate all' }).click();
  await expectThumbnailsLoaded(page, SHOTS.length);
  const panel = await inspectFrame(page, 3);
  await page.evaluate('window.scrollTo(0, 0)');
  await inBothThemes(page, 'board');
  await inBothThemes(page, 'inspector', panel);

  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const player = page.getByRole('dialog', { name: 'Animatic player' });
  await expect(player).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  // A dark stage in either theme, like a cinema: one picture.
  await save(await page.screenshot(), 'player');
  await page.keyboard.press('Escape');

  await page.getByRole('listitem', { name: 'Frame 3', exact: true }).getByRole('button', { name: 'Edit frame 3', exact: true }).dblclick();
  await expect(page.getByRole('dialog', { name: /^Frame 3 of 8/ })).toBeVisible();
  await inBothThemes(page, 'viewer');
});
