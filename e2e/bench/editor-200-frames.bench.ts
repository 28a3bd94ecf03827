// How the editor holds up with a 200-frame story: frame times while a card is dragged and while the
// grid scrolls, and how long a reorder takes to reach the screen. Prints figures (not pass/fail);
// the goal is under 16 ms of work per animation frame.
//   npx playwright test --config e2e/bench/playwright.config.ts editor-200-frames
//
// Everything is timed inside the page: Playwright's own locator queries over 200 cards cost more
// than the work being measured. The page is checked through the DOM by script strings, since the
// e2e sources are type-checked without the DOM library.
import type { Page } from '@playwright/test';
import { callApi, expect, frameCard, inspectFrame, test } from '../fixtures.ts';

const FRAME_COUNT = 200;

// Tall enough that a drag from the second row to the first stays on screen.
test.use({ viewport: { width: 1440, height: 1400 } });

/**
 * Installs `window.__bench.start()` / `.stop()`: requestAnimationFrame intervals and long animation
 * frames (with the part spent in scripts and in style/layout) between the two.
 */
const INSTALL_RECORDER = `(() => {
  const loafs = [];
  new PerformanceObserver((list) => loafs.push(...list.getEntries())).observe({ type: 'long-animation-frame', buffered: false });
  // Each start() gets its own loop: a stopped loop may still have one callback pending.
  let times = [], run = 0, since = 0;
  window.__bench = {
    start() {
      const mine = ++run;
      times = [];
      since = performance.now();
      const tick = (t) => { if (run !== mine) return; times.push(t); requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    },
    stop() {
      run++;
      const iv = times.slice(1).map((t, i) => t - times[i]).sort((a, b) => a - b);
      const long = loafs.filter((e) => e.startTime >= since);
      const r = (ms) => Math.round(ms * 10) / 10;
      return {
        frames: iv.length,
        meanMs: r(iv.reduce((a, b) => a + b, 0) / iv.length),
        p50Ms: r(iv[Math.floor(iv.length / 2)]),
        p95Ms: r(iv[Math.floor(iv.length * 0.95)]),
        maxMs: r(iv.at(-1)),
        over16ms: iv.filter((ms) => ms > 17.7).length,
        longFrames: long.length,
        longFrameScriptMs: r(long.reduce((s, e) => s + e.scripts.reduce((a, x) => a + x.duration, 0), 0)),
        longFrameLayoutMs: r(long.reduce((s, e) => s + (e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0), 0)),
      };
    },
  };
})()`;

/** Resolves in the page with the ms from `eventType` on the element to the paint after frame `n`'s card line reads `text`. */
function timeUntilLine(page: Page, eventType: string, n: number, text: string): Promise<number> {
  return page.evaluate(`new Promise((done) => {
    window.addEventListener(${JSON.stringify(eventType)}, () => {
      const t0 = performance.now();
      const check = () => {
        const card = document.querySelector('li[aria-label="Frame ${n}"]');
        const shown = card?.querySelector('[data-testid="frame-line"]')?.textContent === ${JSON.stringify(text)};
        if (shown) requestAnimationFrame(() => setTimeout(() => done(Math.round(performance.now() - t0))));
        else requestAnimationFrame(check);
      };
      check();
    }, { capture: true, once: true });
  })`) as Promise<number>;
}

const start = (page: Page) => page.evaluate('window.__bench.start()');
const stop = (page: Page) => page.evaluate('window.__bench.stop()');

function report(what: string, figures: unknown): void {
  console.log(`[bench] ${what}: ${typeof figures === 'number' ? `${figures} ms` : JSON.stringify(figures)}`);
}

/** Scrolls the window from top to bottom by `stepPx` every animation frame, so every frame has to repaint. */
const SCROLL_THROUGH = (stepPx: number) => `new Promise((done) => {
  window.scrollTo(0, 0);
  const step = () => {
    const before = window.scrollY;
    window.scrollBy(0, ${stepPx});
    if (window.scrollY === before) return done();
    requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
})`;

test('bench: a 200-frame story — drag-reorder and scrolling the grid', async ({ app: page, server }) => {
  const project = await callApi(server, 'projects.create', { name: 'Long story', identityPrompt: 'a watercolor illustration of a red fox' });
  for (let i = 0; i < FRAME_COUNT; i++) {
    await callApi(server, 'frames.add', { projectId: project.id, prompt: `scene ${i + 1}: the fox walks on`, caption: `Caption ${i + 1}` });
  }
  await page.goto(`${server.origin}/#/projects/${project.id}`);
  await expect(page.getByRole('list', { name: 'Frames' }).getByRole('listitem')).toHaveCount(FRAME_COUNT);
  await page.evaluate(INSTALL_RECORDER);
  await page.waitForTimeout(500);

  // Drag frame 6 (second row) onto frame 2's place with 60 pointer moves.
  const from = (await frameCard(page, 6).getByRole('button', { name: 'Drag to reorder frame 6' }).boundingBox())!;
  const to = (await frameCard(page, 2).getByRole('button', { name: 'Drag to reorder frame 2' }).boundingBox())!;
  const dropped = timeUntilLine(page, 'pointerup', 2, 'scene 6: the fox walks on');
  await start(page);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 - 10, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 60 });
  await page.mouse.up();
  report('drop → new order painted', await dropped);
  report('drag-reorder, per animation frame', await stop(page));

  // A reorder with the inspector's "Move up" button deep in the story.
  const move = (await inspectFrame(page, 100)).getByRole('button', { name: 'Move frame 100 up' });
  const moved = timeUntilLine(page, 'click', 99, 'scene 100: the fox walks on');
  await move.click();
  report('"Move up" click → new order painted', await moved);
  await page.waitForTimeout(500);

  // Top to bottom twice: the first pass also lays out each card the first time it comes into view.
  for (const pass of ['first', 'second']) {
    await start(page);
    await page.evaluate(SCROLL_THROUGH(60));
    report(`scrolling the grid (${pass} pass, 60 px a frame)`, await stop(page));
  }

  // And with the mouse wheel, as a person scrolls.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.mouse.move(900, 700);
  await start(page);
  for (let i = 0; i < 60; i++) await page.mouse.wheel(0, 400);
  await page.waitForTimeout(300);
  report('mouse-wheel scrolling, per animation frame', await stop(page));
});
