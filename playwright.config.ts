import { defineConfig } from '@playwright/test';

/**
 * E2E: the built extension in Debian's Chromium, against the Graph API emulator. One worker: every
 * test gets a fresh browser profile, but they share one emulator port baked into the build.
 *
 * Two projects share the build: `e2e` (what a person does) and `reliability` (the fault matrix:
 * lost answers, held sends, worker kills, rate limits, paging faults, hostile files).
 */
export default defineConfig({
  testMatch: /.*\.spec\.ts/,
  // Two runs sharing a checkout (each with its own DMDESK_E2E_OUT_DIR) keep their results apart.
  outputDir: process.env.DMDESK_E2E_OUT_DIR ? `${process.env.DMDESK_E2E_OUT_DIR}/test-results` : 'test-results',
  globalSetup: './tests/e2e/global-setup.ts',
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: process.env.CI ? 1 : 0,
  // A `test.only` left behind would silently skip the rest of the suite on CI.
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'e2e', testDir: './tests/e2e' },
    // Held sends and grace periods take real seconds: a longer budget per test.
    { name: 'reliability', testDir: './tests/reliability', timeout: 150_000 },
  ],
});
