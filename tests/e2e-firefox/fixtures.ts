/**
 * Playwright fixtures for the Firefox suite: the Graph API emulator (one per worker, back to its
 * seed before each test), a fresh Firefox ESR profile with the built add-on per test, and
 * sidepanel.html opened in a window, before or after connecting every account.
 *
 * Puppeteer cannot drive the sidebar itself (it is browser chrome, not a page), so tests drive
 * sidepanel.html opened as a normal window (the same document) and read the real sidebar, which
 * Firefox opens on install, through `extension.getViews({type:'sidebar'})` (see firefox.ts).
 */
import { test as base, expect } from '@playwright/test';
import type { Browser } from 'puppeteer-core';
import { EmulatorAdmin } from '../e2e/pages/emulator-admin';
import { startEmulator, type Emulator } from '../emulator/server';
import { FIREFOX_E2E_PORT, FIREFOX_EXTENSION_DIR } from './env';
import { launchFirefox, openExtensionPage, waitForPage, type Firefox } from './firefox';
import { InboxPage } from './inbox-page';

/** The seed's accounts, in the order the pills show them. */
export const ACCOUNTS = ['Lumen Coffee', 'Atelier Nord', 'Quiet Studio', 'Pine & Pixel'];

interface TestFixtures {
  admin: EmulatorAdmin;
  firefox: Firefox;
  /** sidepanel.html in its own window; no account connected yet. */
  sidepanel: InboxPage;
  /**
   * The same page after Connect Account → Continue: every account connected, the first selected
   * and its conversation list showing.
   */
  inbox: InboxPage;
}

interface WorkerFixtures {
  emulator: Emulator;
}

/** Connect Account, then Continue in the emulator's consent window, as a person does. */
export async function connectEveryAccount(page: InboxPage, browser: Browser): Promise<void> {
  await (await page.get('button', 'Connect Account')).click();
  const consent = await waitForPage(browser, '/dialog/oauth');
  await (await new InboxPage(consent).get('button', 'Continue')).click();
  await page.expect(async () => expect(await page.pillNames()).toEqual(ACCOUNTS), 15_000);
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  emulator: [
    async ({}, use) => {
      const emulator = await startEmulator({ port: FIREFOX_E2E_PORT });
      await use(emulator);
      await emulator.close();
    },
    { scope: 'worker' },
  ],
  admin: async ({ emulator }, use) => {
    const admin = new EmulatorAdmin(emulator.url);
    await admin.reset();
    await use(admin);
  },
  firefox: async ({ admin: _admin }, use) => {
    const firefox = await launchFirefox(FIREFOX_EXTENSION_DIR);
    await use(firefox);
    await firefox.close();
  },
  sidepanel: async ({ firefox }, use, testInfo) => {
    const page = await openExtensionPage(firefox.browser, 'sidepanel.html');
    await use(new InboxPage(page));
    if (testInfo.status !== testInfo.expectedStatus) {
      // What the page showed when the test failed, in the test's output folder.
      const file = testInfo.outputPath('sidepanel.png');
      await page.screenshot({ path: file }).then(
        () => testInfo.attach('sidepanel', { path: file, contentType: 'image/png' }),
        (e: unknown) => testInfo.attach('sidepanel (no screenshot)', { body: String(e) }),
      );
    }
  },
  inbox: async ({ firefox, sidepanel }, use) => {
    await connectEveryAccount(sidepanel, firefox.browser);
    await sidepanel.expect(async () => expect((await sidepanel.rowTexts()).length).toBeGreaterThan(0), 30_000);
    await use(sidepanel);
  },
});

export { expect };
