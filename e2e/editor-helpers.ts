// Helpers for the specs that generate: stories set up through the API, and checks of what the
// backend stored (renders, image bytes) next to what the page shows.
import type { Page } from '@playwright/test';
import type { SettingsPatch } from '../src-shared/domain/index.ts';
import { callApi, expect, frameCard, type BrowserModeServer } from './fixtures.ts';

export const FOUR_FRAMES = ['waking up in a burrow', 'crossing a stream on stones', 'eating berries', 'watching the sunset'];

/** Small and few steps: a four-frame story renders in about a second on the fixture model. */
export const QUICK: SettingsPatch = { width: 64, height: 64, steps: 3 };

export interface StorySetup {
  name?: string;
  identity?: string;
  prompts?: string[];
  settings?: SettingsPatch;
  /** a model folder to register and pick */
  modelPath?: string;
}

/** Creates a story through the API and opens it in the page; resolves with its id and frame ids. */
export async function openNewStory(page: Page, server: BrowserModeServer, setup: StorySetup): Promise<{ projectId: string; frameIds: string[] }> {
  const model = setup.modelPath ? await callApi(server, 'models.register', { path: setup.modelPath }) : null;
  const project = await callApi(server, 'projects.create', {
    name: setup.name ?? 'Fox story',
    identityPrompt: setup.identity ?? 'a watercolor illustration of a red fox',
    modelId: model?.id ?? null,
    settings: setup.settings ?? QUICK,
  });
  const frameIds: string[] = [];
  for (const prompt of setup.prompts ?? FOUR_FRAMES) frameIds.push((await callApi(server, 'frames.add', { projectId: project.id, prompt })).id);
  await page.goto(`${server.origin}/#/projects/${project.id}`);
  await expect(page.getByLabel('Project name', { exact: true })).toHaveValue(project.name);
  return { projectId: project.id, frameIds };
}

export async function currentRenderIds(server: BrowserModeServer, projectId: string): Promise<Array<string | null>> {
  const { frames } = await callApi(server, 'projects.get', { id: projectId });
  return frames.map((f) => f.currentRenderId);
}

export async function imageBytes(server: BrowserModeServer, renderId: string): Promise<Buffer> {
  const response = await fetch(`${server.origin}/images/${renderId}/full.png?token=${server.token}`);
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

/** Waits until frame `n`'s card shows `status` (empty, queued, generating, done, stale, failed). */
export async function expectStatus(page: Page, n: number, status: string, timeout = 20_000): Promise<void> {
  await expect(frameCard(page, n).locator('[data-status]')).toHaveAttribute('data-status', status, { timeout });
}

/** Waits until every frame's thumbnail is shown and has really loaded. */
export async function expectThumbnailsLoaded(page: Page, count: number): Promise<void> {
  for (let n = 1; n <= count; n++) {
    const image = frameCard(page, n).getByRole('img', { name: `Frame ${n}`, exact: true });
    await expect(image).toBeVisible({ timeout: 20_000 });
    const loaded = (img: unknown) => (img as { complete: boolean; naturalWidth: number }).complete && (img as { naturalWidth: number }).naturalWidth > 0;
    await expect.poll(() => image.evaluate(loaded), { timeout: 10_000 }).toBe(true);
  }
}

export async function expectNoActiveJobs(server: BrowserModeServer, projectId: string): Promise<void> {
  await expect
    .poll(async () => (await callApi(server, 'jobs.list', { projectId })).filter((j) => j.status === 'queued' || j.status === 'running').length, { timeout: 30_000 })
    .toBe(0);
}

/**
 * Remembers, in the page, whether the job's progress bar ever showed progress: a fast job can come
 * and go between two polls of a test.
 */
export async function watchForProgress(page: Page): Promise<() => Promise<boolean>> {
  // A script string: the e2e sources are type-checked without the DOM library.
  await page.evaluate(`
    window.__sawProgress = false;
    new MutationObserver(() => {
      const bar = document.querySelector('[role="progressbar"][aria-label="Job progress"]');
      if (bar && Number(bar.getAttribute('aria-valuenow')) > 0) window.__sawProgress = true;
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  `);
  return async () => (await page.evaluate('window.__sawProgress')) === true;
}
