// Measurements rather than tests: run on demand, never in `npm test`.
//   npx playwright test --config e2e/bench/playwright.config.ts [--output /tmp/onestory-bench]
import { defineConfig } from '@playwright/test';
import base from '../../playwright.config.ts';

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: '*.bench.ts',
  testIgnore: [],
  // One at a time, so one measurement does not slow the other down.
  workers: 1,
  fullyParallel: false,
  timeout: 180_000,
  // Tracing snapshots the whole DOM at every pointer move: it would be most of what is measured.
  use: { ...base.use, trace: 'off' },
});
