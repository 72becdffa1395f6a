/** The toolbar popup (popup.html in a window): account pills, Open inbox and the quick reply. */
import { ACCOUNTS, expect, test } from './fixtures';
import { syncNow, syncsSettled } from './extension-api';
import { openExtensionPage, sidebarViews } from './firefox';
import { aria, InboxPage, textOf } from './inbox-page';

test('the popup page shows the connected accounts as pills', async ({ inbox: _inbox, firefox }) => {
  const popup = new InboxPage(await openExtensionPage(firefox.browser, 'popup.html', { width: 360, height: 500 }));
  await popup.expect(async () => expect(await popup.pillNames()).toEqual(ACCOUNTS));
  expect(await popup.pillSelected('Lumen Coffee')).toBe(true);
});

test('Open inbox in the popup asks Firefox for the sidebar and closes the popup', async ({ inbox, firefox }) => {
  const popup = await openExtensionPage(firefox.browser, 'popup.html', { width: 360, height: 500 });
  // A puppeteer click is user input, so sidebarAction.open() is allowed; on success the popup
  // closes itself. On failure it would stay open and show an alert.
  await (await new InboxPage(popup).get('button', 'Open inbox')).click();
  await inbox.expect(async () => {
    // Evaluating in a closed page rejects: that is the popup having closed.
    const alive = await popup.evaluate(() => document.querySelector('[role="alert"]')?.textContent ?? 'open').catch(() => null);
    expect(alive, 'the popup has closed (else: what it still shows)').toBeNull();
  });
  expect((await sidebarViews(inbox.page)).open, 'the sidebar is open').toBe(true);
});

test('the popup counts 1 unread at Lumen Coffee, and its quick reply to ff.fan is delivered once', async ({ inbox, firefox, admin }) => {
  const INBOUND_TEXT = 'Hello from Firefox';
  const TEXT = 'Hi ff.fan, thanks for writing!';
  await syncsSettled(inbox.page, ACCOUNTS.length);
  const inbound = await admin.inbound({ account: 'lumencoffee', from: { username: 'ff.fan' }, text: INBOUND_TEXT });
  await syncNow(inbox.page);

  const popupPage = await openExtensionPage(firefox.browser, 'popup.html', { width: 360, height: 600 });
  const popup = new InboxPage(popupPage);
  // The Lumen Coffee pill carries a count of 1 ("1 unread"); the others none.
  await popup.expect(async () => {
    const counts: Record<string, string | null> = {};
    for (const pill of await popup.within('tablist', 'Instagram accounts', 'tab')) {
      const [name, count] = await pill.evaluate((e) => [
        e.querySelector('.pill-label')?.textContent ?? '',
        e.querySelector('[aria-label$=" unread"]')?.getAttribute('aria-label') ?? null,
      ]);
      counts[name ?? ''] = count ?? null;
    }
    expect(counts).toEqual({ 'Lumen Coffee': '1 unread', 'Atelier Nord': null, 'Quiet Studio': null, 'Pine & Pixel': null });
  }, 15_000);
  const row = await popup.expect(async () => {
    const rows = await popup.within('list', 'Unread conversations', 'button');
    expect(rows, 'one unread conversation').toHaveLength(1);
    const text = await textOf(rows[0]!);
    expect(text).toContain('ff.fan');
    expect(text).toContain(INBOUND_TEXT);
    return rows[0]!;
  });
  await row.click();
  const box = await popup.get('textbox', 'Reply to ff.fan');
  await box.type(TEXT);
  await box.press('Enter');
  // A status takes no name from its content: read its text. "Sending…" first, then "Sent".
  await popup.expect(async () => {
    const status = await popupPage.$(aria('status'));
    expect(status ? await textOf(status) : null).toBe('Sent');
  }, 15_000);
  expect(await box.evaluate((e) => (e as HTMLTextAreaElement).value), 'the box is emptied').toBe('');

  const stored = (await admin.messages('lumencoffee', inbound.conversation_id)) as { text?: string; from: { username?: string } }[];
  const sent = stored.filter((m) => m.text === TEXT);
  expect(sent, 'delivered exactly once').toHaveLength(1);
  expect(sent[0]?.from.username).toBe('lumencoffee');
  expect(stored.at(-1)?.text, 'the reply is the newest message').toBe(TEXT);
});
