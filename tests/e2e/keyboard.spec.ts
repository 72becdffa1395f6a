/**
 * The keyboard and the screen reader: a whole reply with keys alone; the focus never lost when a
 * conversation opens or closes, a menu, panel or dialog opens and closes (it returns to what opened
 * it), or the list redraws under it; and the polite live region that reads out new messages and
 * what became of a reply.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { NARROW, WIDE, type InboxPage } from './pages/inbox-page';

/** The side panel's live region (hidden on screen; screen readers read what it says). */
const liveRegion = (page: Page) => page.getByTestId('live-region');

/** The row of the conversation with `username`, as a locator for the focus checks. */
function rowOf(inbox: InboxPage, username: string) {
  const name = inbox.page.getByText(username, { exact: true }).or(inbox.page.getByText(`@${username}`, { exact: true }));
  return inbox.rows.filter({ has: name }).first();
}

async function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.textContent ?? '');
}

async function connect(inbox: InboxPage, size: { width: number; height: number }): Promise<Page> {
  const page = await inbox.open(size);
  await inbox.connect();
  await expect(inbox.rows).toHaveCount(64, { timeout: 30_000 });
  return page;
}

test('a whole reply with the keyboard alone: list, thread, reply, the result read out, back to the list', async ({ inbox, admin }) => {
  const page = await connect(inbox, NARROW);
  // From the top of the page, Tab reaches the list…
  await page.locator('body').focus();
  for (let i = 0; i < 30 && !(await page.evaluate(() => !!document.activeElement?.closest('.conversation-list'))); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(inbox.rows.first()).toBeFocused();
  // …the arrow keys move along it…
  for (let i = 0; i < 64 && !(await focusedText(page)).includes('maria_'); i++) await page.keyboard.press('ArrowDown');
  const row = page.locator(':focus');
  await expect(row).toContainText('maria_');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowDown');
  await expect(row).toContainText('maria_');
  const id = await row.getAttribute('data-conversation-id');
  // …Enter opens the conversation, which takes the focus…
  await page.keyboard.press('Enter');
  await expect(inbox.thread.getByRole('heading', { level: 2 })).toBeFocused();
  // …Tab goes on into it, to the reply box…
  for (let i = 0; i < 200 && !(await inbox.messageBox.evaluate((box) => box === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(inbox.messageBox).toBeFocused();
  await page.keyboard.type('Typed without a mouse');
  await page.keyboard.press('Enter');
  await expect(liveRegion(page)).toHaveText('Message sent', { timeout: 20_000 });
  await expect(inbox.messages.last()).toContainText('Typed without a mouse');
  // Esc leaves the reply box, Esc again goes back to the list, on the same conversation.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(page.locator(`.conversation-list [data-conversation-id="${id}"]`)).toBeFocused();
  await expect(page.locator(':focus')).toContainText('You: Typed without a mouse');
  expect((await admin.requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/messages') && r.status === 200)).toHaveLength(1);
});

test('the focus follows a conversation opening and closing, narrow and wide', async ({ inbox }) => {
  const page = await connect(inbox, NARROW);
  await rowOf(inbox, 'sofia.bakes').focus();
  await page.keyboard.press('Enter');
  await expect(inbox.thread.getByRole('heading', { level: 2 })).toBeFocused();
  // Back (a button that leaves with the thread) returns to the conversation's row.
  await inbox.backButton.focus();
  await page.keyboard.press('Enter');
  await expect(rowOf(inbox, 'sofia.bakes')).toBeFocused();

  await page.setViewportSize(WIDE);
  await rowOf(inbox, 'leo.brews').click();
  await expect(inbox.thread.getByRole('heading', { level: 2 })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(inbox.thread).toHaveCount(0);
  await expect(rowOf(inbox, 'leo.brews')).toBeFocused();
});

test('menus, panels and dialogs give the focus back to what opened them', async ({ inbox }) => {
  const page = await connect(inbox, WIDE);
  await rowOf(inbox, 'maria').click();
  const t = inbox.thread;

  const snooze = page.getByRole('toolbar', { name: 'Conversation actions' }).getByRole('button', { name: /Snooze/ });
  await snooze.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: /^Snooze/ })).toBeVisible();
  await expect(page.getByRole('dialog', { name: /^Snooze/ }).locator(':focus')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: /^Snooze/ })).toHaveCount(0);
  await expect(snooze).toBeFocused();

  const labels = t.getByRole('button', { name: /^Labels/ });
  await labels.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Labels of this conversation' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(labels).toBeFocused();

  const contact = t.getByRole('button', { name: 'Contact details' });
  await contact.focus();
  await page.keyboard.press('Enter');
  const panel = page.getByRole('complementary', { name: 'Contact details' });
  await panel.getByRole('button', { name: 'Close' }).focus();
  await page.keyboard.press('Enter');
  await expect(panel).toHaveCount(0);
  await expect(contact).toBeFocused();

  const photo = t.getByRole('button', { name: 'Open photo' });
  await photo.focus();
  await page.keyboard.press('Enter');
  const viewer = page.getByRole('dialog', { name: 'Photo' });
  await expect(viewer).toBeVisible();
  await viewer.getByRole('button', { name: 'Close' }).focus();
  await page.keyboard.press('Enter');
  await expect(viewer).toHaveCount(0);
  await expect(photo).toBeFocused();

  const react = inbox.messages.last().getByRole('button', { name: 'React to message' });
  await react.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Escape');
  await expect(react).toBeFocused();

  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);
  await expect(react).toBeFocused();
});

test('the list redraws under the focus without losing it; new messages and send results are read out', async ({ inbox, admin }) => {
  const page = await connect(inbox, WIDE);
  // A pinned row moves to the top: it keeps the focus.
  const fifth = inbox.rows.nth(4);
  const pinned = (await fifth.getAttribute('data-conversation-id'))!;
  await fifth.focus();
  await page.keyboard.press('p');
  await expect(inbox.rows.first()).toHaveAttribute('data-conversation-id', pinned);
  await expect(inbox.rows.first()).toBeFocused();

  // A new customer arrives on the next sync (every 10 seconds with the inbox in view): the list grows above the focus.
  await inbox.rows.nth(3).focus();
  const third = (await inbox.rows.nth(3).getAttribute('data-conversation-id'))!;
  await admin.inbound({ account: 'lumencoffee', from: { username: 'walk.in' }, text: 'Are you open on Sunday?' });
  await expect(liveRegion(page)).toHaveText('New message from walk.in', { timeout: 20_000 });
  await expect(page.locator(`.conversation-list [data-conversation-id="${third}"]`)).toBeFocused();

  // In the open conversation: the customer's words, then what became of each reply.
  await rowOf(inbox, 'walk.in').click();
  await expect(inbox.messages.last()).toContainText('Are you open on Sunday?');
  const conversation = (await admin.conversations('lumencoffee')).find((c) => c.customer.username === 'walk.in')!;
  await admin.inbound({ account: 'lumencoffee', from: conversation.customer.id, text: 'And on Monday?' });
  await expect(liveRegion(page)).toHaveText(/^New message from walk\.in: And on Monday\?\s?$/, { timeout: 20_000 });

  await admin.fault({ match: '/messages', method: 'POST', kind: 'permission', times: 1 });
  await inbox.messageBox.fill('Yes, 9 to 5');
  await inbox.messageBox.press('Enter');
  await expect(liveRegion(page)).toHaveText(/^Message not sent: DM Desk is missing a permission/);
  await inbox.messages.filter({ hasText: 'Yes, 9 to 5' }).getByRole('button', { name: 'Retry' }).click();
  await expect(liveRegion(page)).toHaveText(/^Message sent\s?$/, { timeout: 20_000 });
});
