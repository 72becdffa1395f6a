import { expect, test } from './fixtures';
import type { BrowserContext } from '@playwright/test';
import { NARROW, WIDE } from './pages/inbox-page';

interface RowsSeen {
  __rows: { first: number | null; seen: string[] };
}

/** Every side panel opened from now on records each row text it paints, and how many rows its first frame had. */
async function recordRowsFromFirstFrame(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    if (location.pathname !== '/sidepanel.html') return;
    const state: RowsSeen['__rows'] = { first: null, seen: [] };
    (window as unknown as RowsSeen).__rows = state;
    const look = (): void => {
      const rows = [...document.querySelectorAll('[aria-label="Conversations"] button')].map((b) => b.textContent ?? '');
      state.seen.push(...rows);
      // The first frame the page draws anything in (a frame can come before its script has run).
      if (state.first === null && (document.getElementById('app')?.childElementCount ?? 0) > 0) state.first = rows.length;
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
}

test.describe('connecting and reading', () => {
  test('starts empty, connects through the consent page, and shows every account as a pill', async ({ inbox }) => {
    await inbox.open(NARROW);
    await expect(inbox.page.getByRole('heading', { name: 'No Instagram accounts connected' })).toBeVisible();
    await inbox.connect();
    await expect(inbox.pills).toHaveText(['Lumen Coffee', 'Atelier Nord', 'Quiet Studio', 'Pine & Pixel']);
    await expect(inbox.pill('Lumen Coffee')).toHaveAttribute('aria-selected', 'true');
    await expect(inbox.rows.first()).toContainText('sofia.bakes');
    await expect(inbox.rows.first()).toContainText('2m');
  });

  test('lists every conversation, not just the first 25', async ({ inbox, admin }) => {
    await inbox.open(NARROW);
    await inbox.connect();
    await expect(inbox.rows).toHaveCount(64);
    await expect(inbox.row('Instagram User')).toHaveCount(1);
    // Paged at Meta's pace: never throttled while fetching 3 pages.
    const LUMEN_PAGE = '196286525693883';
    const calls = (await admin.requests()).filter((r) => r.path.endsWith(`/${LUMEN_PAGE}/conversations`));
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(calls.filter((r) => r.status !== 200)).toEqual([]);
    await expect(inbox.row('ellak')).toContainText('You: Refund is on its way');
  });

  test('opens a thread with the whole cached history and 12-hour times', async ({ inbox }) => {
    await inbox.open(NARROW);
    await inbox.connect();
    await inbox.row('sofia.bakes').click();
    await expect(inbox.thread.getByRole('heading', { name: 'sofia.bakes' })).toBeVisible();
    await expect(inbox.messages.last()).toContainText('Can I still add 2 bags of Huila');
    await expect(inbox.messages.last()).toContainText(/\d{1,2}:\d{2} (AM|PM)/);
    // Own messages sit on the right, received ones on the left.
    const own = inbox.messages.filter({ hasText: 'Order #5120 is packed' });
    const theirs = inbox.messages.filter({ hasText: 'Amazing, thank you!' });
    const ownBox = await own.locator('.bubble').boundingBox();
    const theirBox = await theirs.locator('.bubble').boundingBox();
    expect(ownBox!.x).toBeGreaterThan(theirBox!.x);
  });

  test('reopening paints the last rows in its first frame, even after a panel closed as soon as its rows showed', async ({ inbox }) => {
    await inbox.open(NARROW);
    await inbox.connect();
    await expect(inbox.rows).toHaveCount(64);
    await inbox.page.close();
    await recordRowsFromFirstFrame(inbox.context);
    // Nothing kept from the panel before: the next one paints from the cache…
    const options = await inbox.context.newPage();
    await options.goto(inbox.url('options.html'));
    await options.evaluate(() => localStorage.clear());

    // …and is closed the moment its rows show, long before its whole list is read.
    const brief = await inbox.context.newPage();
    await brief.goto(inbox.url());
    await expect(brief.getByRole('list', { name: 'Conversations' }).getByRole('button').first()).toBeVisible();
    await brief.close();

    const again = await inbox.context.newPage();
    await again.goto(inbox.url());
    await again.waitForFunction(() => (window as unknown as RowsSeen).__rows.first !== null);
    expect(await again.evaluate(() => (window as unknown as RowsSeen).__rows.first)).toBeGreaterThan(5);
    await again.close();
  });

  test('a disconnected account’s rows never show again, not even in the first frame', async ({ inbox }) => {
    await inbox.open(NARROW);
    await inbox.connect();
    await expect(inbox.rows).toHaveCount(64);
    await recordRowsFromFirstFrame(inbox.context);
    // The panel kept what it showed.
    await inbox.page.close();
    const before = await inbox.context.newPage();
    await before.goto(inbox.url());
    await before.waitForFunction(() => (window as unknown as RowsSeen).__rows.first !== null);
    expect(await before.evaluate(() => (window as unknown as RowsSeen).__rows.first)).toBeGreaterThan(5);

    const options = await inbox.context.newPage();
    await options.goto(inbox.url('options.html'));
    const lumenListed = options.getByRole('listitem').filter({ hasText: '@lumencoffee' });
    await expect(lumenListed.first()).toBeVisible();
    await options.getByRole('button', { name: 'Disconnect @lumencoffee' }).click();
    await options.getByRole('group', { name: 'Confirm disconnecting @lumencoffee' }).getByRole('button', { name: 'Disconnect' }).click();
    // Done once the account has left the page's lists (its button goes as soon as the confirmation shows).
    await expect(lumenListed).toHaveCount(0);
    await before.close();

    const after = await inbox.context.newPage();
    await after.goto(inbox.url());
    await expect(after.getByRole('tab', { name: 'Atelier Nord' })).toHaveAttribute('aria-selected', 'true');
    await expect(after.getByRole('list', { name: 'Conversations' }).getByRole('button').first()).toContainText('hanna.design');
    const seen = await after.evaluate(() => (window as unknown as RowsSeen).__rows.seen);
    expect(seen.some((t) => t.includes('sofia.bakes'))).toBe(false);
  });

  test('switching accounts clears the selection and loads that account’s list', async ({ inbox }) => {
    await inbox.open(NARROW);
    await inbox.connect();
    await inbox.row('sofia.bakes').click();
    await expect(inbox.thread).toBeVisible();
    await inbox.pill('Atelier Nord').click();
    await expect(inbox.pill('Atelier Nord')).toHaveAttribute('aria-selected', 'true');
    await expect(inbox.thread).toHaveCount(0);
    await expect(inbox.rows).toHaveCount(7);
    await expect(inbox.rows.first()).toContainText('hanna.design');
  });
});

test.describe('sending', () => {
  test('Enter sends; list and thread both show the delivered message once', async ({ inbox, admin }) => {
    await inbox.open(NARROW);
    await inbox.connect();
    await inbox.row('maria_').click();
    await expect(inbox.sendButton).toBeDisabled();
    await inbox.messageBox.fill('We have oat milk every day ☕');
    await inbox.messageBox.press('Shift+Enter');
    await inbox.messageBox.pressSequentially('See you!');
    await inbox.messageBox.press('Enter');
    await expect(inbox.messageBox).toHaveValue('');
    await expect(inbox.messages.last()).toContainText('We have oat milk every day ☕\nSee you!');
    await inbox.backButton.click();
    await expect(inbox.rows.first()).toContainText('maria_');
    await expect(inbox.rows.first()).toContainText('You: We have oat milk every day ☕ See you!');
    const state = (await (await fetch(`${admin.baseUrl}/__admin/state`)).json()) as unknown;
    expect(JSON.stringify(state)).toBeTruthy();
  });

  test('a send Instagram refuses keeps the text with the reason, and Retry delivers it exactly once', async ({ inbox, admin }) => {
    await inbox.open(NARROW);
    await inbox.connect();
    await inbox.row('maria_').click();
    // A definite refusal (code 200): nothing can have reached the customer, so Retry is offered at once.
    await admin.fault({ match: '/messages', method: 'POST', kind: 'permission', times: 1 });
    await inbox.messageBox.fill('Please keep this text');
    await inbox.sendButton.click();
    const failed = inbox.messages.filter({ hasText: 'Please keep this text' });
    await expect(failed.getByRole('alert')).toContainText('Failed — DM Desk is missing a permission for this account');
    await failed.getByRole('button', { name: 'Retry' }).click();
    await expect(inbox.page.getByText('Sending…')).toHaveCount(0);
    await expect(inbox.messages.last()).toContainText('Please keep this text');
    await expect(inbox.page.getByRole('button', { name: 'Retry' })).toHaveCount(0);
    await expect(inbox.messages.last()).toContainText('Sent');
    const twin = (await admin.conversations('lumencoffee')).find((c) => c.label === 'maria_twin')!;
    const stored = (await admin.messages('lumencoffee', twin.id)) as Array<{ text: string }>;
    expect(stored.filter((m) => m.text === 'Please keep this text')).toHaveLength(1);
  });

  test('a failed reply can be taken back into the box to edit, or deleted', async ({ inbox, admin }) => {
    await inbox.open(NARROW);
    await inbox.connect();
    await inbox.row('maria_').click();
    await admin.fault({ match: '/messages', method: 'POST', kind: 'permission', times: 2 });
    await inbox.messageBox.fill('First try');
    await inbox.sendButton.click();
    const failed = inbox.messages.filter({ hasText: 'First try' });
    await failed.getByRole('button', { name: 'Edit' }).click();
    await expect(inbox.messageBox).toHaveValue('First try');
    await expect(inbox.messages.filter({ hasText: 'First try' })).toHaveCount(0);
    await inbox.messageBox.fill('Second try');
    await inbox.sendButton.click();
    await inbox.messages.filter({ hasText: 'Second try' }).getByRole('button', { name: 'Delete' }).click();
    await expect(inbox.messages.filter({ hasText: 'Second try' })).toHaveCount(0);
  });
});

test.describe('empty and error states', () => {
  test('an account without conversations says so', async ({ inbox }) => {
    await inbox.open(NARROW);
    await inbox.connect();
    await inbox.pill('Quiet Studio').click();
    await expect(inbox.page.getByRole('heading', { name: 'No conversations yet' })).toBeVisible();
    await expect(inbox.page.getByText('Conversations appear here when someone sends this Instagram account a message.')).toBeVisible();
  });

  test('a thread without messages says "No messages"', async ({ inbox }) => {
    await inbox.open(NARROW);
    await inbox.connect();
    await inbox.pill('Atelier Nord').click();
    await inbox.row('silent.sam').click();
    await expect(inbox.thread.getByText('No messages', { exact: true })).toBeVisible();
  });

  test('the wide layout asks to pick a conversation', async ({ inbox }) => {
    await inbox.open(WIDE);
    await inbox.connect();
    await expect(inbox.rows.first()).toBeVisible();
    await expect(inbox.page.getByRole('heading', { name: 'Select a conversation to start' })).toBeVisible();
  });

  test('an account without the messaging permission shows "Permission required" without Retry', async ({ inbox }) => {
    await inbox.open(NARROW);
    await inbox.connect();
    await inbox.pill('Pine & Pixel').click();
    await expect(inbox.page.getByRole('heading', { name: 'Permission required' })).toBeVisible();
    await expect(inbox.page.getByRole('button', { name: 'Retry', exact: true })).toHaveCount(0);
    await expect(inbox.page.getByRole('button', { name: 'Open connections' })).toBeVisible();
  });

  test('a declined permission at login marks every account "Permission required"', async ({ inbox, admin }) => {
    await admin.setPermission('instagram_manage_messages', 'declined');
    await inbox.open(NARROW);
    await inbox.connect();
    await expect(inbox.page.getByRole('heading', { name: 'Permission required' })).toBeVisible();
    await expect(inbox.page.getByRole('button', { name: 'Retry', exact: true })).toHaveCount(0);
  });

  test('"Failed to load conversations" then Retry loads them', async ({ inbox, admin }) => {
    await admin.fault({ match: '/conversations', kind: 'status', status: 500, times: 0 });
    await inbox.open(NARROW);
    await inbox.connect();
    await expect(inbox.page.getByRole('heading', { name: 'Failed to load conversations' })).toBeVisible();
    await admin.clearFaults();
    await inbox.page.getByRole('button', { name: 'Retry', exact: true }).click();
    await expect(inbox.rows.first()).toContainText('sofia.bakes');
    await expect(inbox.page.getByRole('heading', { name: 'Failed to load conversations' })).toHaveCount(0);
  });

  test('a malformed answer is an error with Retry, never a crash', async ({ inbox, admin }) => {
    await admin.fault({ match: '/conversations', kind: 'malformed', times: 0 });
    await inbox.open(NARROW);
    await inbox.connect();
    await expect(inbox.page.getByRole('heading', { name: 'Failed to load conversations' })).toBeVisible();
    await admin.clearFaults();
    await inbox.page.getByRole('button', { name: 'Retry', exact: true }).click();
    await expect(inbox.rows).toHaveCount(64);
  });
});

test.describe('staying connected', () => {
  test('an expired token is renewed silently and the sync goes on', async ({ inbox, admin }) => {
    await inbox.open(NARROW);
    await inbox.connect();
    await expect(inbox.rows.first()).toContainText('sofia.bakes');
    await admin.expireTokens();
    await admin.inbound({ account: 'lumencoffee', from: { username: 'new.customer' }, text: 'Hello from a new customer' });
    await inbox.refreshButton.click();
    await expect(inbox.rows.first()).toContainText('new.customer');
    await expect(inbox.rows.first()).toContainText('Hello from a new customer');
    await expect(inbox.page.getByRole('heading', { name: 'Reconnect needed' })).toHaveCount(0);
  });

  test('when silent renewal fails the account asks to reconnect and keeps its messages', async ({ inbox, admin }) => {
    await inbox.open(NARROW);
    await inbox.connect();
    await expect(inbox.rows.first()).toContainText('sofia.bakes');
    await admin.setConsent(false);
    await admin.expireTokens();
    await inbox.refreshButton.click();
    await expect(inbox.page.getByRole('heading', { name: 'Reconnect needed' })).toBeVisible();
    // Reconnecting through the consent page brings the list back; nothing was deleted meanwhile.
    const consent = inbox.context.waitForEvent('page');
    await inbox.page.getByRole('button', { name: 'Reconnect' }).click();
    await (await consent).getByRole('button', { name: 'Continue' }).click();
    await expect(inbox.rows).toHaveCount(64);
  });
});

test.describe('layout and safety', () => {
  test('narrow shows list or thread with Back; wide shows both; it follows resizing', async ({ inbox }) => {
    await inbox.open(NARROW);
    await inbox.connect();
    await inbox.row('sofia.bakes').click();
    await expect(inbox.thread).toBeVisible();
    await expect(inbox.page.getByRole('list', { name: 'Conversations' })).toHaveCount(0);
    await inbox.page.setViewportSize(WIDE);
    await expect(inbox.page.getByRole('list', { name: 'Conversations' })).toBeVisible();
    await expect(inbox.thread).toBeVisible();
    await expect(inbox.backButton).toHaveCount(0);
    // The wide toolbar shows when the list was last synced, as a time only.
    await expect(inbox.page.getByLabel(/^Last synced at \d{1,2}:\d{2} (AM|PM)$/)).toBeVisible();
    await inbox.page.setViewportSize(NARROW);
    await expect(inbox.page.getByRole('list', { name: 'Conversations' })).toHaveCount(0);
    await expect(inbox.page.getByLabel(/^Last synced at/)).toHaveCount(0);
    await inbox.backButton.click();
    await expect(inbox.page.getByRole('list', { name: 'Conversations' })).toBeVisible();
  });

  test('a hostile message renders as inert text', async ({ inbox }) => {
    let dialogs = 0;
    await inbox.open(NARROW);
    inbox.page.on('dialog', (d) => {
      dialogs += 1;
      void d.dismiss();
    });
    await inbox.connect();
    await inbox.row('x.tester').click();
    const hostile = inbox.messages.filter({ hasText: '<script>' });
    await expect(hostile).toContainText('<img src=x onerror=alert(1)>');
    await expect(inbox.thread.locator('img, script')).toHaveCount(0);
    const links = hostile.getByRole('link');
    await expect(links).toHaveCount(1);
    await expect(links).toHaveAttribute('href', 'https://example.com/menu');
    await expect(links).toHaveAttribute('rel', 'noopener noreferrer');
    expect(dialogs).toBe(0);
  });
});
