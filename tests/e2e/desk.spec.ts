/**
 * The desk, as a person uses it: views with counts, Done (and its return on a new message), Done &
 * next, Undo, snooze until a chosen time (back with a notification), follow-up (back with its
 * note, after a browser restart), pin and mark unread, and the toolbar badge.
 */
import type { Page, Worker } from '@playwright/test';
import { expect, test } from './fixtures';
import type { EmulatorAdmin } from './pages/emulator-admin';
import { WIDE, type InboxPage } from './pages/inbox-page';
import { restartWorker } from './pages/service-worker';

function view(page: Page, name: 'Inbox' | 'Needs reply' | 'Snoozed' | 'Done' | 'Pinned') {
  return page.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name: new RegExp(`^${name} \\d+$`) });
}

async function count(page: Page, name: Parameters<typeof view>[1]): Promise<number> {
  return Number((await view(page, name).textContent())?.match(/(\d+)$/)?.[1]);
}

/** The count on the toolbar badge ('!' alone: no count, only an account's problem). */
async function badge(worker: Worker): Promise<number> {
  const text = await worker.evaluate(() => chrome.action.getBadgeText({}));
  return /^\d+$/.test(text) ? Number(text) : 0;
}

function notifications(worker: Worker): Promise<string[]> {
  return worker.evaluate(async () => Object.keys(await chrome.notifications.getAll()));
}

async function customerOf(admin: EmulatorAdmin, username: string): Promise<string> {
  return (await admin.conversations('lumencoffee')).find((c) => c.customer.username === username)!.customer.id;
}

/** The announcement of the last action (the status region with a Dismiss button). */
const toast = (inbox: InboxPage) => inbox.page.getByRole('status').filter({ has: inbox.page.getByRole('button', { name: 'Dismiss' }) });

test.beforeEach(async ({ inbox }) => {
  // Wide: the list (and its views) stays beside the open conversation.
  await inbox.open(WIDE);
  await inbox.connect();
  await expect(inbox.rows).toHaveCount(64, { timeout: 30_000 });
  await expect(view(inbox.page, 'Inbox')).toHaveText('Inbox 64');
});

test('e marks the focused conversation done: it leaves the Inbox for Done, and a new message brings it back', async ({ inbox, admin }) => {
  const { page } = inbox;
  await inbox.row('sofia.bakes').focus();
  await page.keyboard.press('e');
  await expect(toast(inbox)).toContainText(/Marked .* done/);
  await expect(inbox.row('sofia.bakes')).toHaveCount(0);
  await expect(view(page, 'Inbox')).toHaveText('Inbox 63');
  await expect(view(page, 'Done')).toHaveText('Done 1');
  // The focus moved on to the row in its place, so the next e goes on down the list.
  await expect(page.locator(':focus')).toHaveAttribute('data-conversation-id', /.+/);

  await view(page, 'Done').click();
  await expect(inbox.row('sofia.bakes')).toContainText(/Done/);
  await expect(inbox.page.getByRole('list', { name: 'Conversations' }).getByRole('button', { name: 'Reopen' })).toHaveCount(1);

  await admin.inbound({ account: 'lumencoffee', from: await customerOf(admin, 'sofia.bakes'), text: 'One more thing!' });
  await inbox.refreshButton.click();
  await expect(view(page, 'Done')).toHaveText('Done 0', { timeout: 20_000 });
  await view(page, 'Inbox').click();
  await expect(inbox.rows.first()).toContainText('One more thing!');
  await expect(view(page, 'Inbox')).toHaveText('Inbox 64');
});

test('Reopen in the Done view and Undo in the toast put a conversation back', async ({ inbox }) => {
  const { page } = inbox;
  await inbox.row('maria_').first().click();
  await page.getByRole('toolbar', { name: 'Conversation actions' }).getByRole('button', { name: 'Done', exact: true }).click();
  await expect(view(page, 'Done')).toHaveText('Done 1');
  await toast(inbox).getByRole('button', { name: 'Undo' }).click();
  await expect(toast(inbox)).toContainText('Undone');
  await expect(view(page, 'Done')).toHaveText('Done 0');

  await page.keyboard.press('e');
  await expect(view(page, 'Done')).toHaveText('Done 1');
  await view(page, 'Done').click();
  await page.getByRole('list', { name: 'Conversations' }).getByRole('button', { name: 'Reopen' }).click();
  await expect(view(page, 'Done')).toHaveText('Done 0');
  await expect(view(page, 'Inbox')).toHaveText('Inbox 64');
});

test('Done & next (Shift+E) closes the open conversation and opens the next waiting one', async ({ inbox }) => {
  const { page } = inbox;
  await view(page, 'Needs reply').click();
  const waiting = await count(page, 'Needs reply');
  expect(waiting).toBeGreaterThan(1);
  const first = (await inbox.rows.first().getAttribute('data-conversation-id'))!;
  const second = (await inbox.rows.nth(1).getAttribute('data-conversation-id'))!;
  await inbox.rows.first().click();
  await expect(inbox.thread).toBeVisible();
  const firstTitle = await inbox.thread.getByRole('heading').first().textContent();
  await page.keyboard.press('Shift+E');
  await expect(inbox.thread.getByRole('heading').first()).not.toHaveText(firstTitle!);
  await expect(page).toHaveURL(new RegExp(`${second}$`));
  await expect(view(page, 'Needs reply')).toHaveText(`Needs reply ${waiting - 1}`);
  await expect(view(page, 'Done')).toHaveText('Done 1');
  expect(first).not.toBe(second);
});

test('p pins a conversation on top of the Inbox; u marks one unread, and the badge counts it', async ({ inbox, serviceWorker }) => {
  const { page } = inbox;
  const fifth = inbox.rows.nth(4);
  const id = (await fifth.getAttribute('data-conversation-id'))!;
  await fifth.focus();
  await page.keyboard.press('p');
  await expect(inbox.rows.first()).toHaveAttribute('data-conversation-id', id);
  await expect(inbox.rows.first().getByRole('img', { name: 'Pinned' })).toBeVisible();
  await expect(view(page, 'Pinned')).toHaveText('Pinned 1');

  await expect.poll(() => badge(serviceWorker)).not.toBeNaN();
  const before = await badge(serviceWorker);
  const row = inbox.row('sofia.bakes');
  const unreadId = (await row.getAttribute('data-conversation-id'))!;
  await row.click();
  await expect(inbox.thread).toBeVisible();
  await page.keyboard.press('u');
  await expect(inbox.thread).toHaveCount(0);
  const marked = page.locator(`[data-conversation-id="${unreadId}"]`);
  await expect(marked.getByRole('img', { name: 'Unread' })).toBeVisible();
  await expect.poll(() => badge(serviceWorker)).toBe(before + 1);
  // Done: it no longer needs the person, so the badge drops it.
  await marked.focus();
  await page.keyboard.press('e');
  await expect.poll(() => badge(serviceWorker)).toBe(before);
  await toast(inbox).getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => badge(serviceWorker)).toBe(before + 1);
});

test('snoozed until a chosen time, it hides and comes back on time with a notification', async ({ inbox, serviceWorker }) => {
  test.setTimeout(240_000);
  const { page } = inbox;
  await inbox.row('sofia.bakes').click();
  await page.keyboard.press('b');
  const menu = page.getByRole('dialog', { name: /^Snooze/ });
  await expect(menu.getByRole('button', { name: /Tomorrow morning/ })).toBeVisible();
  // The next whole minute at least a minute away (the input takes minutes).
  const until = await page.evaluate(() => {
    const t = new Date(Date.now() + 60_000);
    t.setSeconds(0, 0);
    t.setMinutes(t.getMinutes() + 1);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}T${pad(t.getHours())}:${pad(t.getMinutes())}`;
  });
  await menu.getByLabel('Pick a date and time').fill(until);
  await menu.getByRole('button', { name: 'Snooze', exact: true }).click();
  await expect(menu).toHaveCount(0);
  await expect(toast(inbox)).toContainText(/Snoozed .* until/);
  await expect(view(page, 'Snoozed')).toHaveText('Snoozed 1');
  await expect(view(page, 'Inbox')).toHaveText('Inbox 63');
  await view(page, 'Snoozed').click();
  await expect(inbox.row('sofia.bakes')).toContainText(/Snoozed until \d{1,2}:\d{2} (AM|PM)/);

  // Back on time, without a reload: out of Snoozed, into the Inbox with its note and a notification.
  await expect(view(page, 'Snoozed')).toHaveText('Snoozed 0', { timeout: 180_000 });
  await expect.poll(() => notifications(serviceWorker), { timeout: 60_000 }).toHaveLength(1);
  await view(page, 'Inbox').click();
  await expect(inbox.row('sofia.bakes')).toContainText('Back from snooze');
  await expect(view(page, 'Inbox')).toHaveText('Inbox 64');
});

test('follow up if no reply: hidden, then back with its note after the days pass, even across a browser restart', async ({
  inbox,
  context,
  serviceWorker,
}) => {
  const { page } = inbox;
  await inbox.row('sofia.bakes').click();
  await page.getByRole('toolbar', { name: 'Conversation actions' }).getByRole('button', { name: 'Snooze' }).click();
  await page
    .getByRole('dialog', { name: /^Snooze/ })
    .getByRole('button', { name: 'In 3 days' })
    .click();
  await expect(toast(inbox)).toContainText(/back in 3 days if there is no reply/);
  // Back to the list: the note shows until the conversation is opened again.
  await page.keyboard.press('Escape');
  await expect(inbox.thread).toHaveCount(0);
  await expect(view(page, 'Snoozed')).toHaveText('Snoozed 1');
  await view(page, 'Snoozed').click();
  await expect(inbox.row('sofia.bakes')).toContainText(/Follow up .* if no reply/);

  // Three days pass while the browser is closed: the follow-up's end moves into the past, and a new
  // worker (a browser start) finds it due. When the conversation was last opened moves back by as
  // much, so it stays as long before the return as it really would: moving only the end would put
  // the opening after the return (the steps above take less than a second), and a conversation
  // opened after it came back rightly no longer shows why. The start stays, after the customer's
  // last message (which the emulator keeps at its time).
  await serviceWorker.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('dm-desk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['desk', 'opened'], 'readwrite');
          const desks = tx.objectStore('desk');
          const opened = tx.objectStore('opened');
          const all = desks.getAll();
          all.onsuccess = () => {
            type Desk = { conversationId: string; snooze: { until: number } | null };
            for (const d of all.result as Desk[]) {
              if (!d.snooze) continue;
              const passed = d.snooze.until - (Date.now() - 1000);
              desks.put({ ...d, snooze: { ...d.snooze, until: d.snooze.until - passed } });
              const read = opened.get(d.conversationId);
              read.onsuccess = () => {
                const o = read.result as { openedAt: number } | undefined;
                if (o) opened.put({ ...o, openedAt: o.openedAt - passed });
              };
            }
          };
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await restartWorker(context, () => page.reload());
  await expect
    .poll(async () => {
      const worker = context.serviceWorkers().find((w) => w.url().endsWith('/background.js'))!;
      return notifications(worker);
    })
    .toHaveLength(1);
  await expect(view(page, 'Snoozed')).toHaveText('Snoozed 0');
  await view(page, 'Inbox').click();
  await expect(inbox.row('sofia.bakes')).toContainText('Back: no reply in 3 days');
});
