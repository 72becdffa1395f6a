import { E2E_PORT } from './env';
import { expect, test } from './fixtures';
import { NARROW } from './pages/inbox-page';

test('the options page shows the redirect URL to register and saves the app id', async ({ inbox, extensionId }) => {
  const page = await inbox.context.newPage();
  await page.goto(inbox.url('options.html'));
  await expect(page.getByLabel('Redirect URL')).toHaveText(`https://${extensionId}.chromiumapp.org/`);
  await page.getByLabel('Meta app ID').fill('999888777');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved');
  await page.reload();
  await expect(page.getByLabel('Meta app ID')).toHaveValue('999888777');
});

test('endpoint overrides accept only Meta’s hosts (and this computer in a build for the emulator); a change signs out', async ({
  inbox,
}) => {
  await inbox.open(NARROW);
  await inbox.connect();
  await expect(inbox.pills).toHaveCount(4);
  const page = await inbox.context.newPage();
  await page.goto(inbox.url('options.html'));
  await page.getByText('Advanced: endpoints').click();
  const graph = page.getByLabel('Graph API base URL');
  const save = page.getByRole('button', { name: 'Save' });
  for (const refused of [
    'https://evil.example/v24.0',
    'http://graph.facebook.com/v24.0',
    'https://graph.facebook.com.evil.example/v24.0',
  ]) {
    await graph.fill(refused);
    await save.click();
    await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toBeVisible();
    await expect(graph).toHaveAttribute('aria-invalid', 'true');
  }
  await page.reload();
  await page.getByText('Advanced: endpoints').click();
  await expect(graph).toHaveValue('');
  await expect(inbox.page.getByRole('heading', { name: 'Reconnect needed' })).toHaveCount(0);

  // Another address of this computer is allowed in this build; the logins made for the old one are forgotten.
  await graph.fill(`http://localhost:${E2E_PORT}/v24.0`);
  await save.click();
  await expect(page.getByRole('status').filter({ hasText: 'signed out of Meta' })).toContainText('reconnect your accounts');
  await expect(inbox.page.getByRole('heading', { name: 'Reconnect needed' })).toBeVisible();
});

test('times follow the time zone chosen on the options page', async ({ inbox, admin }) => {
  await inbox.open(NARROW);
  await inbox.connect();
  await inbox.row('sofia.bakes').click();
  const stored = (await admin.messages('lumencoffee', await conversationId(admin, 'sofia.bakes'))) as Array<{
    created_time?: string;
    createdAt?: number;
    text?: string;
    message?: string;
  }>;
  const last = stored[stored.length - 1]!;
  const createdAt = last.createdAt ?? Date.parse(String(last.created_time).replace(/(\d{2})(\d{2})$/, '$1:$2'));
  const expected = (tz: string) =>
    new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: tz }).format(createdAt);

  const options = await inbox.context.newPage();
  await options.goto(inbox.url('options.html'));
  await options.getByLabel('Time zone').selectOption('Asia/Tokyo');
  await expect(inbox.messages.last()).toContainText(expected('Asia/Tokyo'));
  await options.getByLabel('Time zone').selectOption('America/Los_Angeles');
  await expect(inbox.messages.last()).toContainText(expected('America/Los_Angeles'));
});

test('disconnecting an account asks first, then removes it and its messages', async ({ inbox, admin }) => {
  await inbox.open(NARROW);
  await inbox.connect();
  await expect(inbox.pills).toHaveCount(4);
  const options = await inbox.context.newPage();
  await options.goto(inbox.url('options.html'));
  await options.getByRole('button', { name: 'Disconnect @ateliernord' }).click();
  await options.getByRole('group', { name: 'Confirm disconnecting @ateliernord' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(inbox.pills).toHaveCount(4);
  await options.getByRole('button', { name: 'Disconnect @ateliernord' }).click();
  await options.getByRole('group', { name: 'Confirm disconnecting @ateliernord' }).getByRole('button', { name: 'Disconnect' }).click();
  await expect(inbox.pills).toHaveText(['Lumen Coffee', 'Quiet Studio', 'Pine & Pixel']);
  await expect(options.getByText('@ateliernord', { exact: true })).toHaveCount(0);
  // The last account to go also revokes DM Desk's access at Meta.
  for (const name of ['lumencoffee', 'quietstudio', 'pineandpixel']) {
    await options.getByRole('button', { name: `Disconnect @${name}` }).click();
    await options
      .getByRole('group', { name: `Confirm disconnecting @${name}` })
      .getByRole('button', { name: 'Disconnect' })
      .click();
    await expect(options.getByText(`@${name}`, { exact: true })).toHaveCount(0);
  }
  await expect(options.getByText('@pineandpixel was the last account')).toContainText('access to your Meta account is withdrawn');
  await expect(inbox.page.getByRole('heading', { name: 'No Instagram accounts connected' })).toBeVisible();
  expect((await admin.requests()).some((r) => r.method === 'DELETE' && r.path.endsWith('/me/permissions'))).toBe(true);
});

test('a disconnected account does not come back when the login renews itself', async ({ inbox, admin }) => {
  const atelierPage = '191423636225984';
  await inbox.open(NARROW);
  await inbox.connect();
  await expect(inbox.pills).toHaveCount(4);
  // The panel closes showing all four accounts (what it paints first next time).
  await inbox.page.close();
  const options = await inbox.context.newPage();
  await options.goto(inbox.url('options.html'));
  await options.getByRole('button', { name: 'Disconnect @ateliernord' }).click();
  await options.getByRole('group', { name: 'Confirm disconnecting @ateliernord' }).getByRole('button', { name: 'Disconnect' }).click();
  await expect(options.getByText('@ateliernord', { exact: true })).toHaveCount(0);

  // The next panel never shows the account, not even in the first frame it paints from memory.
  await inbox.context.addInitScript(() => {
    const seen = new Set<string>();
    Object.assign(window, { pillsSeen: seen });
    new MutationObserver(() => {
      document.querySelectorAll('[role="tab"]').forEach((tab) => seen.add(tab.textContent ?? ''));
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  await inbox.open(NARROW);
  await expect(inbox.pills).toHaveText(['Lumen Coffee', 'Quiet Studio', 'Pine & Pixel']);
  const seen = () => inbox.page.evaluate(() => [...(window as unknown as { pillsSeen: Set<string> }).pillsSeen]);
  expect((await seen()).some((pill) => pill.includes('Lumen Coffee'))).toBe(true);
  expect((await seen()).filter((pill) => pill.includes('Atelier Nord'))).toEqual([]);

  // Meta's tokens expire; a customer writes to the disconnected account meanwhile. The next sync
  // renews the login silently (Meta still remembers the consent), which lists every Page again.
  await admin.expireTokens();
  await admin.inbound({ account: 'ateliernord', from: { username: 'still.writing' }, text: 'Anyone there?' });
  await admin.clearRequests();
  await inbox.refreshButton.click();
  await expect.poll(async () => (await admin.requests()).some((r) => r.path.endsWith('/me/accounts') && r.status === 200)).toBe(true);
  await expect
    .poll(async () => (await admin.requests()).some((r) => r.path.includes('/196286525693883/conversations') && r.status === 200))
    .toBe(true);
  // A later sync (a timer tick, another Refresh) leaves it gone too.
  await inbox.refreshButton.click();
  await expect(inbox.pills).toHaveText(['Lumen Coffee', 'Quiet Studio', 'Pine & Pixel']);
  await inbox.page.reload();
  await expect(inbox.pills).toHaveText(['Lumen Coffee', 'Quiet Studio', 'Pine & Pixel']);
  await options.reload();
  await expect(options.getByRole('button', { name: 'Disconnect @lumencoffee' })).toBeVisible();
  await expect(options.getByText('@ateliernord', { exact: true })).toHaveCount(0);
  expect((await admin.requests()).filter((r) => r.path.includes(`/${atelierPage}/`))).toEqual([]);
});

test('when access at Meta cannot be withdrawn, the options page says how to remove DM Desk there', async ({ inbox, admin }) => {
  await inbox.open(NARROW);
  await inbox.connect();
  await expect(inbox.pills).toHaveCount(4);
  const options = await inbox.context.newPage();
  await options.goto(inbox.url('options.html'));
  // The login has expired and Meta no longer remembers the consent: no fresh token can be had.
  await admin.setConsent(false);
  await admin.expireTokens();
  for (const name of ['ateliernord', 'quietstudio', 'pineandpixel', 'lumencoffee']) {
    await options.getByRole('button', { name: `Disconnect @${name}` }).click();
    await options
      .getByRole('group', { name: `Confirm disconnecting @${name}` })
      .getByRole('button', { name: 'Disconnect' })
      .click();
    await expect(options.getByText(`@${name}`, { exact: true })).toHaveCount(0);
  }
  const notice = options.getByRole('alert');
  await expect(notice).toContainText('could not withdraw its access at Meta');
  await expect(notice).toContainText('Business integrations');
  await expect(options.getByText('No Instagram accounts connected yet.')).toBeVisible();
  expect((await admin.requests()).some((r) => r.method === 'DELETE' && r.path.endsWith('/me/permissions') && r.status === 200)).toBe(false);
});

test('the popup shows the account pills and opens the inbox', async ({ inbox }) => {
  await inbox.open(NARROW);
  await inbox.connect();
  await expect(inbox.pills).toHaveCount(4);
  const popup = await inbox.context.newPage();
  await popup.goto(inbox.url('popup.html'));
  await expect(popup.getByRole('tab')).toHaveText(['Lumen Coffee', 'Atelier Nord', 'Quiet Studio', 'Pine & Pixel']);
  // "Open inbox" opens the real Chrome side panel (it needs the click's user gesture).
  await popup.getByRole('button', { name: 'Open inbox' }).click();
  const cdp = await inbox.context.newCDPSession(inbox.page);
  await expect
    .poll(async () => {
      const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ url: string }> };
      return targetInfos.filter((t) => /\/sidepanel\.html(#.*)?$/.test(t.url)).length;
    })
    .toBeGreaterThan(1);
  await expect.poll(() => popup.isClosed()).toBe(true);
});

async function conversationId(
  admin: { messages(account: string, conversation: string): Promise<unknown[]>; baseUrl: string },
  username: string,
): Promise<string> {
  const res = await fetch(`${admin.baseUrl}/__admin/messages?account=lumencoffee`);
  const list = (await res.json()) as Array<{ id: string; customer?: { username?: string } }>;
  const found = list.find((c) => c.customer?.username === username);
  if (!found) throw new Error(`no conversation with ${username}`);
  return found.id;
}

test('a sync preset and working hours chosen on the options page are kept, and the background follows them', async ({
  inbox,
  serviceWorker,
}) => {
  const page = await inbox.context.newPage();
  await page.goto(inbox.url('options.html'));
  const presets = page.getByRole('group', { name: 'How often DM Desk checks for new messages' });
  await expect(presets.getByRole('radio', { name: 'Real time (recommended)' })).toBeChecked();
  await expect(presets.getByText('About 4 checks a minute per account, 6 while DM Desk is open')).toBeVisible();
  await presets.getByRole('radio', { name: 'Battery saver' }).check();
  const hours = page.getByRole('group', { name: 'Working hours' });
  await hours.getByLabel('Check less often outside my working hours').check();
  await hours.getByLabel('From').fill('08:30');
  await hours.getByLabel('Until').fill('17:00');

  await page.reload();
  await expect(presets.getByRole('radio', { name: 'Battery saver' })).toBeChecked();
  await expect(hours.getByLabel('Check less often outside my working hours')).toBeChecked();
  await expect(hours.getByLabel('From')).toHaveValue('08:30');
  await expect(hours.getByLabel('Until')).toHaveValue('17:00');
  // No DM Desk page in view: the backstop alarm is at least the Battery saver's 2 minutes (never under 30 s).
  await expect
    .poll(() => serviceWorker.evaluate(async () => (await chrome.alarms.get('dmdesk-sync'))?.periodInMinutes))
    .toBeGreaterThanOrEqual(2);
});
