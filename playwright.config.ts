import { defineConfig } from '@playwright/test';

// Debian's Chromium (apt install chromium): Playwright's own browser builds cannot be downloaded here.
const CHROMIUM = process.env.ONESTORY_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  // Benchmarks and screenshot tours run with their own config (e2e/bench/playwright.config.ts).
  testIgnore: ['bench/**'],
  // Each test starts its own server and database; two workers keep a 2-core machine responsive.
  workers: 2,
  fullyParallel: true,
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    viewport: { width: 1280, height: 900 },
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
