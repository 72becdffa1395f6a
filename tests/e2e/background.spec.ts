import type { Worker } from '@playwright/test';
import { expect, test } from './fixtures';
import type { EmulatorAdmin } from './pages/emulator-admin';
import { NARROW } from './pages/inbox-page';
import { restartWorker } from './pages/service-worker';

/** Reads the toolbar badge from the service worker. */
function badge(worker: Worker): Promise<{ text: string; title: string }> {
  return worker.evaluate(async () => ({ text: await chrome.action.getBadgeText({}), title: await chrome.action.getTitle({}) }));
}

function notifications(worker: Worker): Promise<string[]> {
  return worker.evaluate(async () => Object.keys(await chrome.notifications.getAll()));
}

async function storedTexts(admin: EmulatorAdmin, label: string): Promise<string[]> {
  const conv = (await admin.conversations('lumencoffee')).find((c) => c.label === label)!;
  return ((await admin.messages('lumencoffee', conv.id)) as Array<{ text: string }>).map((m) => m.text);
}

test.beforeEach(async ({ inbox }) => {
  await inbox.open(NARROW);
  await inbox.connect();
  await expect(inbox.rows).toHaveCount(64);
});

test('a new message arrives on its own: list, badge and notification; opening it clears unread', async ({
  inbox,
  admin,
  serviceWorker,
}) => {
  // No click: the inbox is open and in view, so the background checks every 10 seconds on its own.
  // Pine & Pixel lacks the messaging permission: the badge says so until something is unread.
  await expect.poll(() => badge(serviceWorker)).toMatchObject({ text: '!' });
  await admin.inbound({ account: 'lumencoffee', from: { username: 'walk.in' }, text: 'Are you open on Sunday?' });
  await expect(inbox.rows.first()).toContainText('walk.in', { timeout: 20_000 });
  await expect(inbox.rows.first().getByRole('img', { name: 'Unread' })).toBeVisible();
  await expect.poll(async () => (await badge(serviceWorker)).text).toBe('1');
  expect((await badge(serviceWorker)).title).toMatch(
    /^DM Desk — 1 unread conversation; needs attention:\n@pineandpixel: permission required/,
  );
  await expect.poll(() => notifications(serviceWorker)).toHaveLength(1);

  await inbox.rows.first().click();
  await expect(inbox.messages.last()).toContainText('Are you open on Sunday?');
  await expect.poll(() => badge(serviceWorker)).toMatchObject({ text: '!' });
  await inbox.backButton.click();
  await expect(inbox.rows.first().getByRole('img', { name: 'Unread' })).toHaveCount(0);
});

test('many new messages at once make one grouped notification; none for the account’s own', async ({ inbox, admin, serviceWorker }) => {
  for (const name of ['a.one', 'b.two', 'c.three', 'd.four', 'e.five']) {
    await admin.inbound({ account: 'lumencoffee', from: { username: name }, text: `Hello from ${name}` });
  }
  const twin = (await admin.conversations('lumencoffee')).find((c) => c.label === 'maria_twin')!;
  await admin.inbound({ account: 'lumencoffee', from: twin.customer.id, text: 'typed on my phone', echo: true });
  await inbox.refreshButton.click();
  await expect(inbox.rows.first()).toContainText('e.five');
  await expect.poll(() => notifications(serviceWorker)).toHaveLength(1);
  await expect.poll(() => badge(serviceWorker)).toMatchObject({ text: '5' });
});

test('notifications can be turned off per account', async ({ inbox, admin, serviceWorker }) => {
  const options = await inbox.context.newPage();
  await options.goto(inbox.url('options.html'));
  await options.getByLabel('Notify me of new messages for @lumencoffee').uncheck();
  await admin.inbound({ account: 'lumencoffee', from: { username: 'quiet.one' }, text: 'psst' });
  await inbox.page.bringToFront();
  await inbox.refreshButton.click();
  await expect(inbox.rows.first()).toContainText('quiet.one');
  await expect.poll(() => badge(serviceWorker)).toMatchObject({ text: '1' });
  expect(await notifications(serviceWorker)).toHaveLength(0);
});

test('the badge shows when an account needs attention, with the reason', async ({ inbox, admin, serviceWorker }) => {
  await admin.setConsent(false);
  await admin.expireTokens();
  await inbox.refreshButton.click();
  await expect.poll(async () => (await badge(serviceWorker)).title).toContain('@lumencoffee: login expired');
  expect((await badge(serviceWorker)).text).toBe('!');
});

test('a service-worker restart in the middle of a send delivers the reply exactly once', async ({ inbox, admin, context }) => {
  test.setTimeout(90_000);
  await inbox.row('maria_').click();
  await admin.fault({ match: '/messages', method: 'POST', kind: 'latency', latencyMs: 2_500, times: 1 });
  await inbox.messageBox.fill('Sent while the worker stops');
  await inbox.sendButton.click();
  const pending = inbox.messages.filter({ hasText: 'Sent while the worker stops' });
  await expect(pending).toContainText('Sending…');
  await restartWorker(context, () => inbox.page.reload());
  // The new worker cannot know whether the send reached Meta: it checks the thread ("Checking
  // whether it was sent…"), finds the reply there and settles without sending it again.
  await expect(inbox.page.getByText(/Sending…|Checking whether it was sent…/)).toHaveCount(0, { timeout: 45_000 });
  await expect(pending.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  await expect(inbox.messages.last()).toContainText('Sent while the worker stops');
  expect((await storedTexts(admin, 'maria_twin')).filter((t) => t === 'Sent while the worker stops')).toHaveLength(1);
});

test('a service-worker restart in the middle of a sync loses and duplicates nothing', async ({ inbox, admin, context }) => {
  await admin.inbound({ account: 'lumencoffee', from: { username: 'mid.sync' }, text: 'arrived during a stopped sync' });
  await admin.fault({ match: '/conversations', kind: 'latency', latencyMs: 2_000, times: 1 });
  await inbox.refreshButton.click();
  await restartWorker(context, async () => {
    await inbox.page.waitForTimeout(300);
    await inbox.page.reload();
  });
  await expect(inbox.rows.first()).toContainText('mid.sync', { timeout: 20_000 });
  await expect(inbox.rows).toHaveCount(65);
  await expect(inbox.refreshButton).toBeEnabled();
  await inbox.row('sofia.bakes').click();
  await expect(inbox.messages.last()).toContainText('Can I still add 2 bags');
  const shown = await inbox.messages.count();
  const stored = await storedTexts(admin, 'newest');
  // Meta serves details for the newest 20; each appears exactly once.
  expect(shown).toBe(Math.min(20, stored.length));
});

test('drafts survive closing and reopening the panel, which reopens the last conversation', async ({ inbox }) => {
  await inbox.row('thirdwave.tom').click();
  await inbox.messageBox.fill('Half-written reply about the reel');
  await inbox.page.waitForTimeout(600);
  await inbox.page.close();
  await inbox.open(NARROW);
  await expect(inbox.thread.getByRole('heading', { name: 'thirdwave.tom' })).toBeVisible();
  await expect(inbox.messageBox).toHaveValue('Half-written reply about the reel');
});

test('a deep link opens the right thread, and the address follows the selection', async ({ inbox, admin }) => {
  const conv = (await admin.conversations('lumencoffee')).find((c) => c.label === 'shares')!;
  const account = '17841045117986554';
  const page = await inbox.context.newPage();
  await page.setViewportSize(NARROW);
  await page.goto(inbox.url(`sidepanel.html#/account/${account}/conversation/${encodeURIComponent(conv.id)}`));
  // Named after the contact once Meta's profile is read (a moment after the rows), by the username before.
  await expect(page.getByRole('region', { name: /^Conversation with (Tom Becker|thirdwave\.tom)$/ })).toBeVisible();
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`#/account/${account}$`));
});

test('the popup: unread counts, new since the last look, and quick reply through the outbox', async ({ inbox, admin }) => {
  await admin.inbound({ account: 'lumencoffee', from: { username: 'popup.fan' }, text: 'Can I reserve a table?' });
  await inbox.refreshButton.click();
  await expect(inbox.rows.first()).toContainText('popup.fan');
  const popup = await inbox.context.newPage();
  await popup.setViewportSize({ width: 360, height: 600 });
  await popup.goto(inbox.url('popup.html'));
  await expect(popup.getByRole('tab', { name: /Lumen Coffee/ })).toContainText('1');
  const unread = popup.getByRole('list', { name: 'Unread conversations' });
  await unread.getByRole('button', { name: /popup\.fan/ }).click();
  await popup.getByRole('textbox', { name: 'Reply to popup.fan' }).fill('Yes, for how many?');
  await popup.getByRole('textbox', { name: 'Reply to popup.fan' }).press('Enter');
  await expect(popup.getByRole('status')).toHaveText('Sent', { timeout: 15_000 });
  await inbox.page.bringToFront();
  await inbox.row('popup.fan').click();
  await expect(inbox.messages.last()).toContainText('Yes, for how many?');
});

test('"Open in side panel" (like a notification click) takes an inbox already open to that conversation', async ({ inbox, admin }) => {
  await admin.inbound({ account: 'lumencoffee', from: { username: 'panel.jump' }, text: 'Is the shop open on Sunday?' });
  await inbox.refreshButton.click();
  await expect(inbox.rows.first()).toContainText('panel.jump');
  await expect(inbox.thread).toBeHidden();
  const popup = await inbox.context.newPage();
  await popup.goto(inbox.url('popup.html'));
  const unread = popup.getByRole('list', { name: 'Unread conversations' });
  await unread.getByRole('button', { name: /panel\.jump/ }).click();
  await popup.getByRole('button', { name: 'Open in side panel' }).click();
  await expect(inbox.thread).toBeVisible();
  await expect(inbox.page.getByRole('heading', { name: 'panel.jump' })).toBeVisible();
  await expect(inbox.messages.last()).toContainText('Is the shop open on Sunday?');
  expect(inbox.page.url()).toMatch(/#\/account\/[^/]+\/conversation\/[^/]+$/);
});

test('keyboard: j/k move, Enter opens, r replies, Esc goes back, ? lists shortcuts', async ({ inbox }) => {
  const page = inbox.page;
  await page.locator('body').press('j');
  await page.keyboard.press('j');
  await expect(inbox.rows.nth(1)).toBeFocused();
  await page.keyboard.press('k');
  await expect(inbox.rows.nth(0)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(inbox.thread).toBeVisible();
  await page.keyboard.press('r');
  await expect(inbox.messageBox).toBeFocused();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(inbox.thread).toHaveCount(0);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Next / previous conversation');
});
