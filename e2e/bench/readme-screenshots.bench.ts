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
  { prompt: 'waking up in a burrow', shotType: 'EWS', camera: 'static', action: 'Dawn light reaches the burrow.', speaker: '', dialogue: '' },
  { prompt: 'stretching at the burrow entrance', shotType: 'MS', camera: 'pan', action: 'The fox stretches and yawns.', speaker: '', dialogue: '' },
  { prompt: 'sniffing the morning air', shotType: 'CU', camera: 'dolly', action: '', speaker: 'FOX', dialogue: 'Something smells like berries.' },
  { prompt: 'crossing a stream on stones', shotType: 'WS', camera: 'tilt', action: 'Stone by stone across the stream.', speaker: '', dialogue: '' },
  { prompt: 'slipping on a wet stone', shotType: 'MCU', camera: 'handheld', action: 'A paw slips; a splash.', speaker: '', dialogue: '' },
  { prompt: 'eating berries in a thicket', shotType: 'MS', camera: 'static', action: '', speaker: 'FOX', dialogue: 'Worth getting wet for.' },
  { prompt: 'climbing a hill at dusk', shotType: 'WS', camera: 'crane', action: 'The fox climbs toward the last light.', speaker: '', dialogue: '' },
  { prompt: 'watching the sunset', shotType: 'OTS', camera: 'zoom', action: 'The sun sets over the valley.', speaker: '', dialogue: '' },
];

async function save(shot: Buffer, name: string): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  await sharp(shot).resize({ width: WIDTH, withoutEnlargement: true }).png({ palette: true, quality: 90, effort: 10 }).toFile(join(OUT, `${name}.png`));
}

async function inBothThemes(page: Page, name: string, target: Page | Locator): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    // Buttons fade between colours: let them settle.
    await page.waitForTimeout(400);
    await save(await target.screenshot(), `${name}-${theme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('README screenshots: board, inspector, player and viewer, light and dark', async ({ app: page, server, fixtureModels }) => {
  const { projectId, frameIds } = await openNewStory(page, server, {
    name: 'The fox’s day',
    modelPath: fixtureModels.sd15,
    prompts: SHOTS.map((s) => s.prompt),
    settings: { width: 256, height: 144, steps: 4 },
  });
  for (const [i, { shotType, camera, action, speaker, dialogue }] of SHOTS.entries()) {
    await callApi(server, 'frames.update', { id: frameIds[i], patch: { shotType, camera, action, speaker, dialogue } });
  }
  await callApi(server, 'scenes.add', { projectId, heading: 'EXT. FOREST – DAWN', frameIds: frameIds.slice(0, 3) });
  await callApi(server, 'scenes.add', { projectId, heading: 'EXT. STREAM – DAY', frameIds: frameIds.slice(3) });
  await page.reload();

  await page.getByRole('button', { name: 'Generate all' }).click();
  await expectThumbnailsLoaded(page, SHOTS.length);
  const panel = await inspectFrame(page, 3);
  await page.evaluate('window.scrollTo(0, 0)');
  await inBothThemes(page, 'board', page);
  await inBothThemes(page, 'inspector', panel);

  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const player = page.getByRole('dialog', { name: 'Animatic player' });
  await expect(player).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await inBothThemes(page, 'player', page);
  await page.keyboard.press('Escape');

  await page.getByRole('listitem', { name: 'Frame 3', exact: true }).getByRole('button', { name: 'Edit frame 3', exact: true }).dblclick();
  await expect(page.getByRole('dialog', { name: /^Frame 3 of 8/ })).toBeVisible();
  await inBothThemes(page, 'viewer', page);
});
