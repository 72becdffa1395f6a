/**
 * The inbox in Firefox: sidepanel.html driven in a window (the same document the sidebar shows),
 * and the real sidebar read through `extension.getViews({type:'sidebar'})`.
 */
import { ACCOUNTS, expect, test } from './fixtures';
import { REDIRECT_URL, sidebarViews, waitForPage } from './firefox';
import { InboxPage } from './inbox-page';

test('the sidebar page starts with no accounts and offers Connect Account', async ({ sidepanel }) => {
  await sidepanel.get('heading', 'No Instagram accounts connected');
  await sidepanel.get('button', 'Connect Account');
});

test('Connect Account opens the consent window; Continue connects every account', async ({ sidepanel, firefox }) => {
  await (await sidepanel.get('button', 'Connect Account')).click();
  const consent = await waitForPage(firefox.browser, '/dialog/oauth');
  expect(new URL(consent.url()).searchParams.get('redirect_uri')).toBe(REDIRECT_URL);
  await (await new InboxPage(consent).get('button', 'Continue')).click();
  await sidepanel.expect(async () => expect(await sidepanel.pillNames()).toEqual(ACCOUNTS), 15_000);
  expect(await sidepanel.pillSelected('Lumen Coffee'), 'the first account is selected').toBe(true);
});

test('the conversation list shows every conversation of the first account', async ({ inbox }) => {
  // 64 conversations: more than Meta's page size, so the list was paged.
  const rows = await inbox.expect(async () => {
    const texts = await inbox.rowTexts();
    expect(texts).toHaveLength(64);
    return texts;
  }, 15_000);
  expect(rows[0]).toMatch(/sofia\.bakes/);
  expect(rows[0]).toMatch(/\b2m\b/);
  expect(rows.filter((r) => r.includes('Instagram User'))).toHaveLength(1);
});

test('a conversation opens with its messages', async ({ inbox }) => {
  await (await inbox.row('sofia.bakes')).click();
  await inbox.thread('sofia.bakes', 'Sofia Marin');
  const messages = await inbox.expect(async () => {
    const texts = await inbox.messageTexts();
    expect(texts.at(-1)).toMatch(/Can I still add 2 bags of Huila/);
    return texts;
  });
  expect(messages.at(-1)).toMatch(/\d{1,2}:\d{2} (AM|PM)/);
  expect(
    messages.some((m) => m.includes('Order #5120 is packed')),
    'an own message is in the thread',
  ).toBe(true);
});

test('a reply appears in the thread and reaches the Graph API', async ({ inbox, admin }) => {
  const TEXT = 'Thanks Hanna, your order ships on Monday.';
  const conversation = (await admin.conversations('ateliernord')).find((c) => c.customer.username === 'hanna.design');
  expect(conversation, 'the emulator has @hanna.design at Atelier Nord').toBeDefined();

  await (await inbox.pill('Atelier Nord')).click();
  await inbox.expect(async () => expect(await inbox.pillSelected('Atelier Nord')).toBe(true));
  await (await inbox.row('hanna.design')).click();
  await inbox.thread('hanna.design', 'Hanna');

  const box = await inbox.get('textbox', 'Message');
  await box.type(TEXT);
  await (await inbox.get('button', 'Send')).click();
  await inbox.expect(async () => expect(await box.evaluate((e) => (e as HTMLTextAreaElement).value)).toBe(''));
  await inbox.expect(async () => expect((await inbox.messageTexts()).at(-1)).toContain(TEXT));
  expect(
    (await inbox.messageTexts()).filter((m) => m.includes(TEXT)),
    'shown once',
  ).toHaveLength(1);
  expect(await inbox.has('alert'), 'no "Not sent." alert').toBe(false);

  const stored = (await admin.messages('ateliernord', conversation!.id)) as { text?: string; from: { username?: string } }[];
  expect(stored.at(-1)?.text).toBe(TEXT);
  expect(stored.at(-1)?.from.username).toBe('ateliernord');
});

test('the real Firefox sidebar shows sidepanel.html with the connected accounts', async ({ inbox }) => {
  const sidebar = await inbox.expect(async () => {
    const found = await sidebarViews(inbox.page);
    expect(found.open, 'sidebarAction.isOpen').toBe(true);
    expect(found.views.length, 'at least one sidebar view').toBeGreaterThanOrEqual(1);
    for (const view of found.views) {
      // The side panel routes in the hash (deep links): `sidepanel.html#/account/<id>`.
      expect(view.url).toMatch(/\/sidepanel\.html(#.*)?$/);
      expect(view.pills).toEqual(ACCOUNTS);
    }
    return found;
  });
  expect(sidebar.views.flatMap((v) => v.headings)).not.toContain('No Instagram accounts connected');
});
