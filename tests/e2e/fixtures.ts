/**
 * Playwright fixtures: the Graph API emulator (one per worker, reset before each test) and a
 * fresh Chromium profile with the built extension loaded.
 */
import { test as base, chromium, type BrowserContext, type Worker } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, type Emulator } from '../emulator/server';
import { chromiumArgs } from './chromium-args';
import { CHROME_EXTENSION_DIR, CHROMIUM_PATH, E2E_PORT } from './env';
import { EmulatorAdmin } from './pages/emulator-admin';
import { InboxPage } from './pages/inbox-page';

interface TestFixtures {
  /** The browser's language (`test.use({ browserLanguage: 'de' })`); Chromium's default (English) when unset. */
  browserLanguage: string | undefined;
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  admin: EmulatorAdmin;
  inbox: InboxPage;
}

interface WorkerFixtures {
  emulator: Emulator;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  emulator: [
    async ({}, use) => {
      const emulator = await startEmulator({ port: E2E_PORT });
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
  browserLanguage: [undefined, { option: true }],
  context: async ({ admin: _admin, browserLanguage }, use) => {
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dmdesk-e2e-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...chromiumArgs(CHROME_EXTENSION_DIR, { headless: true, lang: browserLanguage }), '--remote-debugging-port=0'],
    });
    await use(context);
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  },
  serviceWorker: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(worker);
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
  inbox: async ({ context, extensionId }, use) => {
    await use(new InboxPage(context, extensionId));
  },
});

export const expect = test.expect;
