// The animatic player and the timeline (issue 13): frames change on time, to within one animation frame of their
// durations; Space, ←/→ and C work in the player; a timeline edge drags a frame's duration, and undo restores it.
import type { Page } from '@playwright/test';
import { expectNoActiveJobs, openNewStory } from './editor-helpers.ts';
import { callApi, expect, inspectFrame, inspector, test } from './fixtures.ts';

test.use({ viewport: { width: 1440, height: 900 } });

const PROMPTS = ['waking up in a burrow', 'crossing a stream on stones', 'eating berries', 'watching the sunset', 'sleeping'];
const DURATIONS = [400, 700, 400, 700, 400];
/** For rounding: the player's clock starts at the key press's own timeStamp, as the test's does. */
const ROUNDING_MS = 0.5;

interface Recording {
  pressedAt: number;
  /**
   * The frame index shown, when (performance.now) the page changed to it, and the animation frame that did it: its
   * start time (document.timeline.currentTime, the time requestAnimationFrame callbacks are given). Under load a
   * frame's callbacks may run after the next frame's start time has passed, so `at` alone cannot tell which it was.
   */
  changes: Array<{ index: number; at: number; frame: number }>;
  /** the start time of every animation frame while recording */
  frames: number[];
}

/**
 * Records, in the page, when Space is pressed (the event's timeStamp), every animation frame's start, and each moment
 * the player shows another frame (a MutationObserver on the picture's data-frame-index).
 */
async function recordFrameChanges(page: Page): Promise<() => Promise<Recording>> {
  // A script string: the e2e sources are type-checked without the DOM library.
  await page.evaluate(`
    window.__player = { pressedAt: 0, changes: [], frames: [] };
    document.addEventListener('keydown', (e) => { if (e.key === ' ') window.__player.pressedAt = e.timeStamp; }, { capture: true });
    requestAnimationFrame(function tick(t) { window.__player.frames.push(t); requestAnimationFrame(tick); });
    const picture = document.querySelector('[data-testid="player-picture"]');
    new MutationObserver(() => {
      const index = Number(picture.dataset.frameIndex);
      const last = window.__player.changes.at(-1);
      if (!last || last.index !== index) window.__player.changes.push({ index, at: performance.now(), frame: document.timeline.currentTime });
    }).observe(picture, { attributes: true, attributeFilter: ['data-frame-index'] });
  `);
  return () => page.evaluate('window.__player');
}

/**
 * How late each change's animation frame began after the change was due, and how late the page showed it, after
 * checking that the change came in the first animation frame that began at or after that time: never before it, and
 * never a frame later.
 */
function checkOnTime({ pressedAt, changes, frames }: Recording, durations: number[]): Array<{ frame: number; page: number }> {
  return changes.map((change, k) => {
    const due = pressedAt + durations.slice(0, k + 1).reduce((a, b) => a + b, 0);
    const madeIn = change.frame;
    // The same clock as the callbacks' timestamps, up to rounding.
    expect(frames.some((t) => Math.abs(t - madeIn) < ROUNDING_MS), `the frame of ${madeIn.toFixed(1)} that made a change was recorded`).toBe(true);
    expect(madeIn, `change to frame ${change.index + 1} came early`).toBeGreaterThanOrEqual(due - ROUNDING_MS);
    const skipped = frames.filter((t) => t >= due + ROUNDING_MS && t < madeIn);
    expect(skipped, `change to frame ${change.index + 1}, due at ${due.toFixed(1)}, made in the frame of ${madeIn.toFixed(1)}, after ${skipped.map((t) => t.toFixed(1))}`).toEqual([]);
    return { frame: madeIn - due, page: change.at - due };
  });
}

test('the animatic plays every frame for its duration; Space, ←/→, C and Esc work', async ({ app: page, server, fixtureModels }, testInfo) => {
  const { projectId, frameIds } = await openNewStory(page, server, { modelPath: fixtureModels.sd15, prompts: PROMPTS });
  for (const [i, id] of frameIds.entries()) await callApi(server, 'frames.update', { id, patch: { durationMs: DURATIONS[i] } });
  await callApi(server, 'frames.update', { id: frameIds[1], patch: { speaker: 'Fox', dialogue: 'Nearly there.', caption: 'The fox hops across.' } });
  // The last frame is never generated: it plays as a placeholder card.
  await callApi(server, 'jobs.generate', { projectId, frameIds: frameIds.slice(0, 4) });
  await expectNoActiveJobs(server, projectId);
  await page.reload();
  await expect(page.getByTestId('running-time')).toHaveText('Running time 0:02.6');
  await expect(page.getByTestId('timeline-ruler')).toHaveText(/0:01\s*0:02/); // the seconds along the blocks
  await page.screenshot({ path: testInfo.outputPath('timeline.png') });

  await page.keyboard.press('p');
  const player = page.getByRole('dialog', { name: 'Animatic player' });
  await expect(player).toBeVisible();
  await expect(player.getByRole('button', { name: 'Play', exact: true })).toBeFocused();
  const picture = player.getByTestId('player-picture');
  await expect(picture).toHaveAttribute('data-frame-index', '0');
  // Every picture is loaded before playing, so what is timed is the player, not the network.
  await expect.poll(() => player.locator('img').evaluateAll((imgs) => imgs.every((img) => (img as unknown as { naturalWidth: number }).naturalWidth > 0))).toBe(true);
  await expect(player.locator('img')).toHaveCount(4);

  const recorded = await recordFrameChanges(page);
  await page.keyboard.press(' ');
  await expect(player.getByTestId('animatic-player')).toHaveAttribute('data-playing', 'false', { timeout: 10_000 });
  const recording = await recorded();
  expect(recording.changes.map((c) => c.index)).toEqual([1, 2, 3, 4]);
  const lateness = checkOnTime(recording, DURATIONS);
  const gaps = recording.frames.slice(1).map((t, i) => t - recording.frames[i]);
  console.log(`frame changes shown in animation frames starting this late (ms): ${lateness.map((l) => l.frame.toFixed(1)).join(', ')}; in the page this late: ${lateness.map((l) => l.page.toFixed(1)).join(', ')}; animation frames every ${(gaps.reduce((a, b) => a + b, 0) / gaps.length).toFixed(1)} ms on average, longest ${Math.max(...gaps).toFixed(1)} ms`);
  // It stops on the last frame, a placeholder with its shot number and prompt.
  await expect(picture).toHaveAttribute('data-look', 'missing');
  await expect(player.getByText('Not generated yet')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('player-placeholder.png') });
  await expect(player.getByText('sleeping', { exact: true })).toBeVisible();
  await expect(player.getByRole('slider', { name: 'Position in the story' })).toHaveAttribute('aria-valuetext', '2.6 seconds of 2.6 seconds, frame 5 of 5');

  // ← goes back a frame, where the dialogue shows with its speaker; C hides the overlay and shows it again.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(picture).toHaveAttribute('data-frame-index', '1');
  await expect(player.getByTestId('player-captions')).toHaveText(/The fox hops across\.\s*Fox: Nearly there\./);
  await page.screenshot({ path: testInfo.outputPath('player.png') });
  await page.keyboard.press('c');
  await expect(player.getByTestId('player-captions')).toBeHidden();
  await page.keyboard.press('c');
  await expect(player.getByTestId('player-captions')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(picture).toHaveAttribute('data-frame-index', '2');

  // Space plays from here and pauses again: the frame then holds.
  await page.keyboard.press(' ');
  await expect(player.getByTestId('animatic-player')).toHaveAttribute('data-playing', 'true');
  await page.keyboard.press(' ');
  await expect(player.getByTestId('animatic-player')).toHaveAttribute('data-playing', 'false');
  const held = await picture.getAttribute('data-frame-index');
  await page.waitForTimeout(900);
  await expect(picture).toHaveAttribute('data-frame-index', held!);

  // A frame edited since its render plays with a stale mark.
  await page.keyboard.press('Escape');
  await expect(player).toBeHidden();
  await callApi(server, 'projects.update', { id: projectId, patch: { settings: { steps: 4 } } });
  await page.reload();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(picture).toHaveAttribute('data-look', 'stale');
  await expect(player.getByTestId('player-stale')).toBeVisible();

  // With a frame selected on the board, the player starts there.
  await page.keyboard.press('Escape');
  await inspectFrame(page, 4);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(picture).toHaveAttribute('data-frame-index', '3');
});

test('dragging a timeline edge changes the frame’s duration; undo restores it; the edge steps with ←/→', async ({ app: page, server }, testInfo) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const { projectId, frameIds } = await openNewStory(page, server, { prompts: PROMPTS.slice(0, 3) });
  await callApi(server, 'frames.update', { id: frameIds[0], patch: { durationMs: 400 } });
  await page.reload();
  await expect(page.getByTestId('running-time')).toHaveText('Running time 0:02.4');
  const edge = page.getByRole('slider', { name: 'Duration of shot 1' });
  await expect(edge).toHaveAttribute('aria-valuenow', '400');

  // 40 px at 80 px a second is 500 ms more.
  const box = (await edge.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 20, box.y + box.height / 2, { steps: 4 });
  await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect(edge).toHaveAttribute('aria-valuenow', '900');
  await expect(edge).toHaveAttribute('aria-valuetext', '0.9 seconds');
  await expect(page.getByTestId('running-time')).toHaveText('Running time 0:02.9');
  const stored = async () => (await callApi(server, 'projects.get', { id: projectId })).frames[0].durationMs;
  await expect.poll(stored).toBe(900);

  // One drag is one undo step.
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(edge).toHaveAttribute('aria-valuenow', '400');
  await expect.poll(stored).toBe(400);

  // From the keyboard: 100 ms a press, never under 100 ms.
  await edge.focus();
  await page.keyboard.press('ArrowRight');
  await expect(edge).toHaveAttribute('aria-valuenow', '500');
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowLeft');
  await expect(edge).toHaveAttribute('aria-valuenow', '100');
  await expect.poll(stored).toBe(100);

  // A block takes the inspector to its frame, cursor in the prompt.
  const block = page.getByRole('button', { name: 'Shot 2, 1 second' });
  await block.click();
  await expect(block).toHaveAttribute('aria-current', 'true');
  await expect(inspector(page).getByRole('heading', { name: 'Frame 2', exact: true })).toBeVisible();
  await expect(inspector(page).getByLabel('Prompt', { exact: true })).toBeFocused();
  await page.screenshot({ path: testInfo.outputPath('timeline-dark.png') });
});
