// The storyboard editor against the real engine and the tiny fixture model (issue 5's must-shows).
import {
  currentRenderIds,
  expectNoActiveJobs,
  expectStatus,
  expectThumbnailsLoaded,
  FOUR_FRAMES,
  imageBytes,
  openNewStory,
  watchForProgress,
} from './editor-helpers.ts';
import { addFrame, callApi, createProject, expect, expectPrompts, expectSaved, frameCard, inspectFrame, inspector, test } from './fixtures.ts';

// Tall and wide enough that four cards and the settings are on screen together.
test.use({ viewport: { width: 1440, height: 1400 } });

const CRASH_MARKER = 'engine-crash-marker';

test('editor: a four-frame story, its model added from a folder, generated with progress; the images persist', async ({ app: page, fixtureModels }) => {
  await createProject(page, 'Fox story');
  await page.getByLabel('Identity prompt').fill('a watercolor illustration of a red fox');
  for (const prompt of FOUR_FRAMES) await addFrame(page, prompt, '');

  // A folder that is not a model is refused with the reason; the fixture folder is accepted and picked.
  await page.getByRole('button', { name: 'Add model folder…' }).click();
  await page.getByLabel('Model folder').fill('/no/such/folder');
  await page.getByRole('button', { name: 'Add model', exact: true }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.getByLabel('Model folder').fill(fixtureModels.sd15);
  await page.getByRole('button', { name: 'Add model', exact: true }).click();
  await expect(page.getByLabel('Model', { exact: true }).locator('option:checked')).toHaveText(/sd15/);

  const settings = page.getByRole('region', { name: 'Settings' });
  await settings.getByLabel('Width', { exact: true }).fill('128');
  await settings.getByLabel('Height', { exact: true }).fill('128');
  await settings.getByLabel('Steps', { exact: true }).fill('20');
  await expectSaved(page);
  await expect(page.getByRole('group', { name: 'Token budget' })).toContainText('/ 75');

  const sawProgress = await watchForProgress(page);
  await page.getByRole('button', { name: 'Generate all' }).click();
  await expectThumbnailsLoaded(page, 4);
  for (let n = 1; n <= 4; n++) await expectStatus(page, n, 'done');
  expect(await sawProgress()).toBe(true);

  await page.reload();
  await expectThumbnailsLoaded(page, 4);
  for (let n = 1; n <= 4; n++) await expectStatus(page, n, 'done');
});

test('editor: a new β and frame 2 regenerated: frame 2 gains a variant, the other images keep their bytes', async ({ app: page, server, fixtureModels }) => {
  const { projectId, frameIds } = await openNewStory(page, server, { modelPath: fixtureModels.sd15 });
  await page.getByRole('button', { name: 'Generate all' }).click();
  await expectThumbnailsLoaded(page, 4);
  await expectNoActiveJobs(server, projectId);
  const before = await currentRenderIds(server, projectId);
  const bytesBefore = await Promise.all(before.map((id) => imageBytes(server, id!)));

  const settings = page.getByRole('region', { name: 'Settings' });
  await settings.getByRole('slider', { name: 'β (enhance)' }).fill('1.5');
  await expect(settings.locator('output').first()).toHaveText('1.50');
  await frameCard(page, 2).getByRole('button', { name: 'Regenerate frame 2 with the same seed' }).click();
  await expect(frameCard(page, 2).getByTestId('variant-count')).toHaveText('2', { timeout: 20_000 });
  await expectNoActiveJobs(server, projectId);

  const after = await currentRenderIds(server, projectId);
  expect(after[1]).not.toBe(before[1]);
  for (const i of [0, 2, 3]) {
    expect(after[i]).toBe(before[i]);
    expect((await imageBytes(server, after[i]!)).equals(bytesBefore[i])).toBe(true);
    expect(await callApi(server, 'renders.list', { frameId: frameIds[i] })).toHaveLength(1);
  }
  const variants = await callApi(server, 'renders.list', { frameId: frameIds[1] });
  expect(variants.map((r) => r.params.settings.reweight.betaEnhance)).toEqual([1, 1.5]);
  expect(variants[1].params.seed).toBe(variants[0].params.seed);
  await expect(frameCard(page, 2).getByRole('img', { name: 'Frame 2', exact: true })).toHaveAttribute('src', new RegExp(after[1]!));
});

test('editor: reordering makes the renders stale, and "Regenerate stale" (Ctrl+Shift+Enter) brings them back', async ({ app: page, server, fixtureModels }) => {
  const { projectId, frameIds } = await openNewStory(page, server, { modelPath: fixtureModels.sd15 });
  await page.keyboard.press('Control+Enter');
  await expectThumbnailsLoaded(page, 4);
  const regenerateStale = page.getByRole('button', { name: /Regenerate stale/ });
  await expect(regenerateStale).toBeDisabled();
  const renderBefore = new Map((await currentRenderIds(server, projectId)).map((id, i) => [frameIds[i], id]));

  await (await inspectFrame(page, 1)).getByRole('button', { name: 'Move frame 1 down' }).click();
  await expectPrompts(page, [FOUR_FRAMES[1], FOUR_FRAMES[0], FOUR_FRAMES[2], FOUR_FRAMES[3]]);
  // The two swapped frames were made from a story that no longer exists.
  await expectStatus(page, 1, 'stale');
  await expectStatus(page, 2, 'stale');
  const state = await callApi(server, 'story.state', { projectId });
  const staleIds = state.frames.filter((f) => f.stale).map((f) => f.frameId);
  await expect(regenerateStale).toContainText(String(staleIds.length));

  await page.keyboard.press('Control+Shift+Enter');
  for (let n = 1; n <= 4; n++) await expectStatus(page, n, 'done');
  await expect(regenerateStale).toBeDisabled();
  const { frames } = await callApi(server, 'projects.get', { id: projectId });
  for (const frame of frames) expect(frame.currentRenderId !== renderBefore.get(frame.id)).toBe(staleIds.includes(frame.id));
});

test('editor: cancelling mid-job asks about the job waiting behind it, stores nothing partial, and the waiting job runs', async ({ app: page, server, fixtureModels }) => {
  // Slow enough (half a minute and more on a fast machine) to be caught in the middle: a faster job ended first here.
  const { projectId, frameIds } = await openNewStory(page, server, { modelPath: fixtureModels.sd15, settings: { width: 256, height: 256, steps: 500 } });
  await page.getByRole('button', { name: 'Generate all' }).click();
  await expect(page.getByText(/step \d+ of 500/)).toBeVisible({ timeout: 20_000 });

  // A quick job waits behind it, visible in the queue.
  await page.getByRole('region', { name: 'Settings' }).getByLabel('Steps', { exact: true }).fill('3');
  await page.getByRole('region', { name: 'Settings' }).getByLabel('Width', { exact: true }).fill('64');
  await page.getByRole('region', { name: 'Settings' }).getByLabel('Height', { exact: true }).fill('64');
  await page.getByRole('button', { name: 'Generate all' }).click();
  await expect(page.getByRole('list', { name: 'Queued jobs' })).toContainText('Next: 4 frames');

  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  const ask = page.getByRole('dialog', { name: 'Cancel the waiting jobs too?' });
  await expect(ask).toContainText('Another job is waiting to run after this one.');
  // Focus starts on the answer that changes nothing.
  await expect(ask.getByRole('button', { name: 'Keep generating' })).toBeFocused();
  await ask.getByRole('button', { name: 'Cancel this job only' }).click();
  await expect(ask).toBeHidden();
  await expectThumbnailsLoaded(page, 4);
  await expectNoActiveJobs(server, projectId);

  const [latest, cancelled] = await callApi(server, 'jobs.list', { projectId });
  expect([cancelled.status, latest.status]).toEqual(['cancelled', 'done']);
  for (const frameId of frameIds) {
    const renders = await callApi(server, 'renders.list', { frameId });
    // Only whole renders: a frame the cancelled job had not finished has none of its 500-step renders.
    const slow = renders.filter((r) => r.params.steps === 500);
    expect(slow).toHaveLength(cancelled.doneFrameIds.includes(frameId) ? 1 : 0);
    expect(renders.filter((r) => r.params.steps === 3)).toHaveLength(1);
  }
});

test('editor: Cancel, then "Cancel all jobs", stops the running job and the waiting one, and says so', async ({ app: page, server, fixtureModels }) => {
  const { projectId } = await openNewStory(page, server, { modelPath: fixtureModels.sd15, settings: { width: 256, height: 256, steps: 500 } });
  await page.getByRole('button', { name: 'Generate all' }).click();
  await expect(page.getByText(/step \d+ of 500/)).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Generate all' }).click();
  await expect(page.getByRole('list', { name: 'Queued jobs' })).toContainText('Next: 4 frames');

  await page.keyboard.press('Control+.');
  await page.getByRole('dialog', { name: 'Cancel the waiting jobs too?' }).getByRole('button', { name: 'Cancel all jobs' }).click();
  await expectNoActiveJobs(server, projectId);
  expect((await callApi(server, 'jobs.list', { projectId })).map((j) => j.status)).toEqual(['cancelled', 'cancelled']);
  await expect(page.getByRole('status').filter({ hasText: /^Cancelled by you\./ })).toBeVisible();
});

test.describe('when the engine process dies', () => {
  test.use({ serverEnv: { ONESTORY_ENGINE_TEST_CRASH: CRASH_MARKER } });

  test('editor: the failure is shown, and the next job succeeds', async ({ app: page, server, fixtureModels }) => {
    // The engine kills itself at the first progress of a job whose identity prompt holds the marker.
    const { projectId } = await openNewStory(page, server, { modelPath: fixtureModels.sd15, identity: `a red fox ${CRASH_MARKER}` });
    await page.getByRole('button', { name: 'Generate all' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Generation failed.' })).toBeVisible({ timeout: 20_000 });
    for (let n = 1; n <= 4; n++) await expectStatus(page, n, 'failed');

    await page.getByLabel('Identity prompt').fill('a watercolor illustration of a red fox');
    await expectSaved(page);
    await page.getByRole('button', { name: 'Generate all' }).click();
    await expectThumbnailsLoaded(page, 4);
    await expect(page.getByRole('alert').filter({ hasText: 'Generation failed.' })).toHaveCount(0);
    await expectNoActiveJobs(server, projectId);
  });
});

test('editor: undo and redo text, order, settings and the variant choice; a reload keeps it all', async ({ app: page, server, fixtureModels }) => {
  const { projectId, frameIds } = await openNewStory(page, server, { modelPath: fixtureModels.sd15 });
  await page.getByRole('button', { name: 'Generate all' }).click();
  await expectThumbnailsLoaded(page, 4);
  await frameCard(page, 1).getByRole('button', { name: 'Regenerate frame 1 with a new seed' }).click();
  await expect(frameCard(page, 1).getByTestId('variant-count')).toHaveText('2', { timeout: 20_000 });
  await expectNoActiveJobs(server, projectId);
  const [first, second] = (await callApi(server, 'renders.list', { frameId: frameIds[0] })).map((r) => r.id);
  const thumb = frameCard(page, 1).getByRole('img', { name: 'Frame 1', exact: true });
  await expect(thumb).toHaveAttribute('src', new RegExp(second));

  // Four edits of four kinds: a variant choice, a prompt, β, and the order.
  await frameCard(page, 1).getByRole('button', { name: 'Variants of frame 1' }).click();
  const viewer = page.getByRole('dialog', { name: /Frame 1/ });
  await viewer.getByRole('button', { name: 'Variant 1', exact: true }).click();
  await viewer.getByRole('button', { name: 'Use this variant' }).click();
  await expect(viewer.getByRole('button', { name: 'Variant 1 (current)' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();
  await expect(thumb).toHaveAttribute('src', new RegExp(first));

  await (await inspectFrame(page, 2)).getByLabel('Prompt', { exact: true }).fill('crossing a river');
  const beta = page.getByRole('region', { name: 'Settings' }).getByRole('slider', { name: 'β (enhance)' });
  await beta.fill('1.7');
  await (await inspectFrame(page, 3)).getByRole('button', { name: 'Move frame 3 up' }).click();
  const edited = [FOUR_FRAMES[0], FOUR_FRAMES[2], 'crossing a river', FOUR_FRAMES[3]];
  await expectPrompts(page, edited);

  // Undo walks back newest first, with the keyboard and with the button.
  await page.keyboard.press('Control+z');
  await expectPrompts(page, [FOUR_FRAMES[0], 'crossing a river', FOUR_FRAMES[2], FOUR_FRAMES[3]]);
  await page.keyboard.press('Control+z');
  await expect(beta).toHaveValue('1');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expectPrompts(page, FOUR_FRAMES);
  await page.keyboard.press('Control+z');
  await expect(thumb).toHaveAttribute('src', new RegExp(second));
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();

  // Redo comes forward again: the variant choice, then the prompt.
  await page.keyboard.press('Control+Shift+z');
  await expect(thumb).toHaveAttribute('src', new RegExp(first));
  await page.keyboard.press('Control+y');
  await expectPrompts(page, [FOUR_FRAMES[0], 'crossing a river', FOUR_FRAMES[2], FOUR_FRAMES[3]]);
  await expectSaved(page);

  // What the backend holds is what the page showed: story, frames, variants and settings.
  await page.reload();
  await expectPrompts(page, [FOUR_FRAMES[0], 'crossing a river', FOUR_FRAMES[2], FOUR_FRAMES[3]]);
  await expect(page.getByLabel('Identity prompt')).toHaveValue('a watercolor illustration of a red fox');
  await expect(beta).toHaveValue('1');
  await expect(page.getByRole('region', { name: 'Settings' }).getByLabel('Steps', { exact: true })).toHaveValue('3');
  await expect(thumb).toHaveAttribute('src', new RegExp(first));
  await expect(frameCard(page, 1).getByTestId('variant-count')).toHaveText('2');
  await frameCard(page, 1).getByRole('button', { name: 'Variants of frame 1' }).click();
  await expect(viewer.getByRole('button', { name: /^Variant \d/ })).toHaveCount(2);
  await expect(viewer.getByRole('button', { name: 'Variant 1 (current)' })).toBeVisible();
  await page.keyboard.press('Escape');
  // History is kept in memory only.
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
});

test('editor: the shortcut list opens with "?" and closes with Escape; Alt+N adds a frame', async ({ app: page }) => {
  await createProject(page, 'Shortcuts');
  await page.keyboard.press('?');
  const help = page.locator('#shortcuts-help');
  await expect(help).toBeVisible();
  await expect(help).toContainText('Generate all frames');
  await expect(help).toContainText('Ctrl+Enter');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  await page.keyboard.press('Alt+n');
  await expect(inspector(page).getByLabel('Prompt', { exact: true })).toBeFocused();
  // Typing a "?" in a field is just typing.
  await page.keyboard.type('why?');
  await expect(help).toBeHidden();
  await expectSaved(page);
  await page.keyboard.press('Control+z');
  await expect(inspector(page).getByLabel('Prompt', { exact: true })).toHaveValue('');
});
