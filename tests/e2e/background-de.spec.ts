/**
 * The background speaks the browser's language: in a German Chromium (`--lang=de`) the toolbar
 * tooltip, a notification and a failed sync read in German, as the service worker writes them.
 */
import { chromium, type Worker } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromiumArgs } from './chromium-args';
import { CHROME_EXTENSION_DIR, CHROMIUM_PATH } from './env';
import { test as base, expect } from './fixtures';
import { NARROW } from './pages/inbox-page';

const test = base.extend({
  context: async ({ admin: _admin }, use) => {
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dmdesk-e2e-de-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...chromiumArgs(CHROME_EXTENSION_DIR, { headless: true }), '--remote-debugging-port=0', '--lang=de'],
    });
    await use(context);
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  },
});

const tooltip = (worker: Worker) => worker.evaluate(() => chrome.action.getTitle({}));

/** The browser lists notifications by id only: what they say is recorded as the worker creates them. */
function recordNotifications(worker: Worker): Promise<void> {
  return worker.evaluate(() => {
    const shown: Array<{ title: string; message: string }> = [];
    (globalThis as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
    const create = chrome.notifications.create.bind(chrome.notifications);
    Object.assign(chrome.notifications, {
      create: (id: string, options: chrome.notifications.NotificationCreateOptions, callback?: (id: string) => void) => {
        shown.push({ title: options.title, message: options.message });
        return callback ? create(id, options, callback) : create(id, options);
      },
    });
  });
}

const notifications = (worker: Worker) =>
  worker.evaluate(() => (globalThis as unknown as { shownNotifications: Array<{ title: string; message: string }> }).shownNotifications);

test('tooltip, notification and a failed sync are in German', async ({ inbox, admin, serviceWorker }) => {
  await recordNotifications(serviceWorker);
  const page = await inbox.open(NARROW);
  const consent = inbox.context.waitForEvent('page');
  await page.getByRole('button', { name: 'Konto verbinden' }).click();
  await (await consent).getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('list', { name: 'Unterhaltungen' }).getByRole('button')).toHaveCount(64);
  // Pine & Pixel lacks the messaging permission.
  await expect
    .poll(() => tooltip(serviceWorker))
    .toBe(
      'DM Desk — keine ungelesenen Unterhaltungen; Handlungsbedarf:\n@pineandpixel: Berechtigung erforderlich — erneut verbinden und alle Berechtigungen erteilen',
    );

  for (const name of ['a.one', 'b.two', 'c.three', 'd.four', 'e.five']) {
    await admin.inbound({ account: 'lumencoffee', from: { username: name }, text: `Hallo von ${name}` });
  }
  await page.getByRole('button', { name: 'Aktualisieren' }).click();
  await expect.poll(() => notifications(serviceWorker)).toHaveLength(1);
  expect((await notifications(serviceWorker))[0]).toMatchObject({
    title: '5 neue Nachrichten für @lumencoffee',
    message: expect.stringMatching(/ und 2 weitere$/) as unknown as string,
  });
  await expect.poll(() => tooltip(serviceWorker)).toMatch(/^DM Desk — 5 ungelesene Unterhaltungen; Handlungsbedarf:\n/);

  await admin.fault({ match: '/', kind: 'status', status: 500, times: 0 });
  await page.getByRole('button', { name: 'Aktualisieren' }).click();
  await expect(
    page.getByText('Bei Instagram gab es ein vorübergehendes Problem. Versuch es gleich noch einmal.', { exact: false }),
  ).toBeVisible();
});
