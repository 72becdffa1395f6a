import { defineConfig } from '@playwright/test';
import path from 'node:path';
import { FIREFOX_E2E_OUT_DIR } from './env';

/**
 * `npm run test:firefox`: the Firefox MV3 build in headless Firefox ESR against the Graph API
 * emulator. Playwright Test runs the tests; puppeteer-core drives Firefox over WebDriver BiDi
 * (fixtures.ts), because Playwright cannot install an add-on into its own Firefox. One worker: every
 * test gets a fresh Firefox profile, but they share one emulator port baked into the build.
 *
 *   npm run test:firefox                        # builds into .output/e2e-firefox, then runs
 *   DMDESK_SKIP_BUILD=1 npm run test:firefox    # reuses the last build
 *   DMDESK_FIREFOX_E2E_PORT=47870 DMDESK_FIREFOX_E2E_OUT_DIR=.output/e2e-firefox-b npm run test:firefox
 *                                               # a second run beside the first
 */
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts/,
  globalSetup: './global-setup.ts',
  // Kept apart from the Chromium suite's test-results/, which Playwright empties when a run starts.
  outputDir: path.join(FIREFOX_E2E_OUT_DIR, 'test-results'),
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  retries: process.env.CI ? 1 : 0,
  // A `test.only` left behind would silently skip the rest of the suite on CI.
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
});
