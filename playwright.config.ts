import { defineConfig } from '@playwright/test';

/**
 * E2E: the built extension in Debian's Chromium, against the Graph API emulator. One worker: every
 * test gets a fresh browser profile, but they share one emulator port baked into the build.
 */
export default defineConfig({
  testDir: './tests/e2e',
  testMatch: /.*\.spec\.ts/,
  globalSetup: './tests/e2e/global-setup.ts',
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
