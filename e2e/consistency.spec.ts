// Consistency scores in the editor (issue 16): with the fixture CLIP in the library, a story's renders are scored
// after generation and the badges appear; "Pick the most consistent variants" chooses, per frame, the variant with
// the highest identity score that renders.list reports, in one step that undo takes back.
import { join } from 'node:path';
import { currentRenderIds, expectNoActiveJobs, expectThumbnailsLoaded, openNewStory } from './editor-helpers.ts';
import { callApi, expect, frameCard, test, type BrowserModeServer } from './fixtures.ts';

test.use({ viewport: { width: 1440, height: 1000 } });

/** Waits until every render of the story has scores and scoring is idle. */
async function expectAllScored(server: BrowserModeServer, projectId: string): Promise<void> {
  await expect
    .poll(async () => {
      const scores = await callApi(server, 'story.scores', { projectId });
      const { frames } = await callApi(server, 'projects.get', { id: projectId });
      const variants = (await Promise.all(frames.map((f) => callApi(server, 'renders.list', { frameId: f.id })))).flat();
      return scores.status.state === 'idle' && scores.unscored === 0 && variants.every((r) => r.scores);
    }, { timeout: 30_000 })
    .toBe(true);
}

/** Per frame, the variant renders.list gives the highest identity score (CLIP-I). */
async function mostConsistent(server: BrowserModeServer, projectId: string): Promise<string[]> {
  const { frames } = await callApi(server, 'projects.get', { id: projectId });
  const lists = await Promise.all(frames.map((f) => callApi(server, 'renders.list', { frameId: f.id })));
  return lists.map((renders) => renders.reduce((best, r) => (r.scores!.clipI! > best.scores!.clipI! ? r : best)).id);
}

test('the consistency badges appear after generation; picking the most consistent variants follows renders.list and undoes', async ({ app: page, server, fixtureModels }, testInfo) => {
  const clip = await callApi(server, 'models.register', { path: join(fixtureModels.sd15, '..', 'scoring', 'clip-split'), name: 'Tiny CLIP' });
  expect(clip).toMatchObject({ kind: 'scoring', family: 'clip' });
  const { projectId, frameIds } = await openNewStory(page, server, { modelPath: fixtureModels.sd15, prompts: ['waking up in a burrow', 'crossing a stream', 'watching the sunset'] });
  // the scoring model is no choice for rendering
  await expect(page.getByLabel('Model', { exact: true }).locator('option', { hasText: 'Tiny CLIP' })).toHaveCount(0);

  await callApi(server, 'jobs.generate', { projectId });
  await expectNoActiveJobs(server, projectId);
  await expectThumbnailsLoaded(page, 3);
  await expectAllScored(server, projectId);
  const badge = page.getByTestId('story-consistency');
  await expect(badge).toBeVisible();
  await expect(badge).toHaveAccessibleName(/^Story consistency -?\d\.\d{3} \(CLIP-I\)/);
  for (const n of [1, 2, 3]) await expect(frameCard(page, n).getByTestId('frame-consistency')).toHaveAccessibleName(new RegExp(`^Frame ${n} identity -?\\d\\.\\d{3}`));
  await badge.click();
  await expect(page.getByRole('region', { name: 'Consistency scores' })).toContainText('Scored with Tiny CLIP');
  await badge.click();

  // A second variant of every frame, then each frame shown with its least consistent one, so that picking has work to do.
  await callApi(server, 'jobs.generate', { projectId, seed: 'new' });
  await expectNoActiveJobs(server, projectId);
  await expectAllScored(server, projectId);
  for (const frameId of frameIds) {
    const renders = await callApi(server, 'renders.list', { frameId });
    expect(renders).toHaveLength(2);
    const worst = renders.reduce((low, r) => (r.scores!.clipI! < low.scores!.clipI! ? r : low));
    await callApi(server, 'frames.selectVariant', { frameId, renderId: worst.id });
  }
  const before = await currentRenderIds(server, projectId);
  const expected = await mostConsistent(server, projectId);
  expect(expected).not.toEqual(before);
  await expect(page.getByTestId('frame-consistency')).toHaveCount(3);

  await page.getByRole('button', { name: 'Pick the most consistent variants' }).click();
  await expect.poll(() => currentRenderIds(server, projectId)).toEqual(expected);
  await page.screenshot({ path: testInfo.outputPath('consistency.png') });

  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(() => currentRenderIds(server, projectId)).toEqual(before);
  await page.keyboard.press('ControlOrMeta+Shift+Z');
  await expect.poll(() => currentRenderIds(server, projectId)).toEqual(expected);
});
