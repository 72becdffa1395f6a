import fs from 'node:fs';
import { expect, test } from './fixtures';
import { NARROW, WIDE, type InboxPage } from './pages/inbox-page';

test.describe('search', () => {
  test.beforeEach(async ({ inbox }) => {
    await inbox.open(WIDE);
    await inbox.connect();
    await expect(inbox.rows).toHaveCount(64);
  });

  test('finds messages as you type, accent-tolerant, with the terms marked; a hit opens its thread there', async ({ inbox }) => {
    const box = inbox.page.getByRole('searchbox', { name: 'Search messages' });
    await inbox.page.locator('body').press('/');
    await expect(box).toBeFocused();
    await box.pressSequentially('cafe leip');
    const results = inbox.page.getByRole('list', { name: 'Search results' });
    const hit = results.getByRole('button').filter({ hasText: 'We run a small café in Leipzig' }).first();
    await expect(hit).toBeVisible();
    await expect(hit.locator('mark').first()).toHaveText('café');
    await hit.click();
    await expect(inbox.thread).toBeVisible();
    const focused = inbox.page.locator('.message.focused');
    await expect(focused).toContainText('We run a small café in Leipzig');
    await expect(focused).toBeInViewport();
  });

  test('searches names and other accounts when asked, and works offline', async ({ inbox, context }) => {
    const box = inbox.page.getByRole('searchbox', { name: 'Search messages' });
    await context.setOffline(true);
    await box.fill('linen tote');
    await expect(inbox.page.getByText('No matches')).toBeVisible();
    await inbox.page.getByRole('button', { name: 'All accounts' }).click();
    const results = inbox.page.getByRole('list', { name: 'Search results' });
    await expect(results.getByRole('button').first()).toContainText('hanna.design');
    await expect(results.getByRole('button').first()).toContainText('@ateliernord');
    await results.getByRole('button').first().click();
    await expect(inbox.pill('Atelier Nord')).toHaveAttribute('aria-selected', 'true');
    await expect(inbox.page.locator('.message.focused')).toContainText('Is the linen tote back in stock?');
    await box.fill('wholesale.ber');
    await expect(results.getByRole('button').first()).toContainText('wholesale.berlin');
    await context.setOffline(false);
  });

  test('a message that arrives later is found too (the index follows the sync)', async ({ inbox, admin }) => {
    await admin.inbound({ account: 'lumencoffee', from: { username: 'late.bird' }, text: 'Do you sell Jamaïca Blue Mountain?' });
    await inbox.refreshButton.click();
    await expect(inbox.rows.first()).toContainText('late.bird');
    await inbox.page.getByRole('searchbox', { name: 'Search messages' }).fill('jamaica');
    await expect(inbox.page.getByRole('list', { name: 'Search results' }).getByRole('button')).toContainText(['late.bird']);
  });
});

test.describe('archive', () => {
  test('keeps every message Meta stopped serving, loads older pages on scroll, and marks where it begins', async ({ inbox, admin }) => {
    await inbox.open(NARROW);
    await inbox.connect();
    await expect(inbox.rows).toHaveCount(64);
    const sofia = (await admin.conversations('lumencoffee')).find((c) => c.label === 'newest')!;
    const seeded = (await admin.messages('lumencoffee', sofia.id)) as Array<{ text: string }>;
    // Meta served the newest 20 at the first sync: the archive begins with the 20th newest.
    const archiveStart = seeded[seeded.length - 20]!.text;
    // 4 rounds of 15 new messages, each synced: Meta serves the newest 20 only, DM Desk keeps all.
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 15; i++)
        await admin.inbound({ account: 'lumencoffee', from: sofia.customer.id, text: `round ${round} message ${i}` });
      await inbox.refreshButton.click();
      await expect(inbox.rows.first()).toContainText(`round ${round} message 14`);
    }
    await inbox.row('sofia.bakes').click();
    await expect(inbox.thread).toContainText('round 3 message 14');
    await expect(inbox.page.getByRole('button', { name: 'Load older messages' })).toBeVisible();
    // Scroll to the top until the archive's beginning shows.
    const scroller = inbox.page.locator('.thread-scroll');
    await expect(async () => {
      await scroller.evaluate((el) => (el.scrollTop = 0));
      await expect(inbox.page.getByRole('note')).toContainText('Start of the archive', { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await expect(inbox.messages).toHaveCount(80);
    await expect(inbox.messages.first()).toContainText(archiveStart);
  });

  test('export an account as JSON and CSV, import it back without duplicates; a disconnected account’s archive is refused', async ({
    inbox,
  }) => {
    await inbox.open(NARROW);
    await inbox.connect();
    await expect(inbox.rows).toHaveCount(64);
    const options = await inbox.context.newPage();
    await options.goto(inbox.url('options.html'));
    await expect(options.getByLabel('Archive size of @lumencoffee')).toHaveText(/^\d{3} messages · \d+ KB$/);
    const sizeBefore = await options.getByLabel('Archive size of @lumencoffee').textContent();

    const csvDownload = options.waitForEvent('download');
    await options.getByRole('button', { name: 'Export CSV of @lumencoffee' }).click();
    const csv = fs.readFileSync((await (await csvDownload).path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('account,conversation_id,participant,participant_id,time,from,kind,text,message_id');
    expect(csv).toContain('Can I still add 2 bags of Huila to order #5120?');

    const jsonDownload = options.waitForEvent('download');
    await options.getByRole('button', { name: 'Export JSON of @lumencoffee' }).click();
    const file = (await (await jsonDownload).path())!;
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).format).toBe('dm-desk-archive');

    // Importing what is already here changes nothing.
    const report = options.getByRole('status', { name: 'Import report' });
    await options.getByLabel('Import an archive (JSON)').setInputFiles(file);
    await expect(report).toContainText(/Imported 0 new messages in 0 conversations\. \d{3} messages already here were kept as they were\./);
    await expect(options.getByLabel('Archive size of @lumencoffee')).toHaveText(sizeBefore ?? '');

    // An account that is not connected takes nothing from a file, and the report says why.
    await options.getByRole('button', { name: 'Disconnect @lumencoffee' }).click();
    await options.getByRole('group', { name: 'Confirm disconnecting @lumencoffee' }).getByRole('button', { name: 'Disconnect' }).click();
    await expect(options.getByLabel('Archive size of @lumencoffee')).toHaveCount(0);
    await options.getByLabel('Import an archive (JSON)').setInputFiles(file);
    await expect(report).toContainText('Imported 0 new messages');
    await expect(report).toContainText('Skipped 64 conversations: account not connected in DM Desk (64).');
    await expect(options.getByLabel('Archive size of @lumencoffee')).toHaveCount(0);
    await expect(inbox.pills).toHaveCount(3);
  });

  test('labels, done and snoozed states and notes go out with the export and come back with the import after a reconnect', async ({
    inbox,
    admin,
  }) => {
    test.setTimeout(120_000);
    const page = await inbox.open(WIDE);
    await inbox.connect();
    await expect(inbox.rows).toHaveCount(64);
    const { ask, accountId, options } = await deskRequests(inbox);
    const conversations = await admin.conversations('lumencoffee');
    const of = (username: string) => conversations.find((c) => c.customer.username === username)!;
    const [sofia, ella, oskar] = [
      of('sofia.bakes'),
      of('ellak'),
      conversations.find((c) => !['sofia.bakes', 'ellak'].includes(c.customer.username ?? ''))!,
    ];
    // The desk as a person left it: two labels on Sofia, Ella done, another snoozed, a note on Sofia.
    const eu = await ask('saveLabel', { name: 'Wholesale EU', color: 'blue' });
    const vip = await ask('saveLabel', { name: 'VIP', color: 'red' });
    await ask('updateDesk', { accountId, conversationIds: [sofia.id], change: { kind: 'labels', add: [eu.id, vip.id] } });
    await ask('updateDesk', { accountId, conversationIds: [ella.id], change: { kind: 'done' } });
    await ask('updateDesk', { accountId, conversationIds: [oskar.id], change: { kind: 'snooze', until: Date.now() + 3 * 86_400_000 } });
    await ask('saveNote', {
      accountId,
      contactId: sofia.customer.id,
      conversationId: sofia.id,
      text: 'Invoices go to the Leipzig café, net 30',
    });

    const download = options.waitForEvent('download');
    await options.getByRole('button', { name: 'Export JSON of @lumencoffee' }).click();
    const file = (await (await download).path())!;
    const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as { desk: unknown[]; labels: Array<{ name: string }>; notes: unknown[] };
    expect(exported.desk).toHaveLength(3);
    expect(exported.labels.map((l) => l.name).sort()).toEqual(['VIP', 'Wholesale EU']);
    expect(exported.notes).toHaveLength(1);

    // Disconnecting drops the account's states and notes; one label is deleted too.
    await options.getByRole('button', { name: 'Disconnect @lumencoffee' }).click();
    await options.getByRole('group', { name: 'Confirm disconnecting @lumencoffee' }).getByRole('button', { name: 'Disconnect' }).click();
    await expect(options.getByLabel('Archive size of @lumencoffee')).toHaveCount(0);
    await ask('deleteLabel', { id: eu.id });
    // Meta may show its consent page again, or remember the consent and answer at once.
    inbox.context.on(
      'page',
      (dialog) =>
        void dialog
          .getByRole('button', { name: 'Continue' })
          .click()
          .catch(() => undefined),
    );
    await options.getByRole('button', { name: 'Connect another account' }).click();
    await expect(options.getByLabel('Archive size of @lumencoffee')).toBeVisible({ timeout: 30_000 });

    await options.getByLabel('Import an archive (JSON)').setInputFiles(file);
    const report = options.getByRole('status', { name: 'Import report' });
    await expect(report).toContainText('Labels: 1 created, 1 matched by name to labels already here.');
    await expect(report).toContainText('Done, snoozed, pinned and labelled: 3 conversations taken from the file');
    await expect(report).toContainText('Notes: 1 imported');

    // All of it is back in the side panel: the search box's filters find it, and the note.
    await inbox.pill(/Lumen/).click();
    await expect(inbox.rows.first()).toBeVisible();
    const box = page.getByRole('searchbox', { name: 'Search messages' });
    const results = page.getByRole('list', { name: 'Search results' }).getByRole('button');
    await box.fill('label:"Wholesale EU"');
    await expect(results).toHaveCount(1);
    await expect(results.first()).toContainText('sofia.bakes');
    await expect(results.first()).toContainText('VIP');
    await page.screenshot({ path: test.info().outputPath('search-filter-alone.png') });
    await box.fill('is:done');
    await expect(results).toHaveCount(1);
    await expect(results.first()).toContainText('ellak');
    await expect(results.first()).toContainText('Done');
    await box.fill('is:snoozed');
    await expect(results).toHaveCount(1);
    await expect(results.first()).toContainText('Snoozed');
    await box.fill('leipzig net');
    const note = results.filter({ hasText: 'Note' });
    await expect(note).toHaveCount(1);
    await expect(note).toContainText('Invoices go to the Leipzig café, net 30');
    await page.screenshot({ path: test.info().outputPath('search-note.png') });
    await note.click();
    await expect(page.getByRole('complementary', { name: 'Contact details' })).toContainText('Invoices go to the Leipzig café, net 30');
  });

  test('the search box filters by label and state, alone or with words, and says when a label does not exist', async ({ inbox, admin }) => {
    const page = await inbox.open(WIDE);
    await inbox.connect();
    await expect(inbox.rows).toHaveCount(64);
    const { ask, accountId } = await deskRequests(inbox);
    const sofia = (await admin.conversations('lumencoffee')).find((c) => c.customer.username === 'sofia.bakes')!;
    const label = await ask('saveLabel', { name: 'Wholesale EU', color: 'blue' });
    await ask('updateDesk', { accountId, conversationIds: [sofia.id], change: { kind: 'labels', add: [label.id] } });
    await expect(inbox.row('sofia.bakes')).toContainText('Wholesale EU');

    const box = page.getByRole('searchbox', { name: 'Search messages' });
    const results = page.getByRole('list', { name: 'Search results' }).getByRole('button');
    // Suggested while typed; picking one completes it with quotes.
    await box.fill('label:who');
    const suggestions = page.getByRole('listbox', { name: 'Labels' });
    await expect(suggestions.getByRole('option')).toHaveText(['Wholesale EU']);
    await page.screenshot({ path: test.info().outputPath('search-label-suggestions.png') });
    await box.press('Enter');
    await expect(box).toHaveValue('label:"Wholesale EU" ');
    await expect(results).toHaveCount(1);
    await expect(results.first()).toContainText('sofia.bakes');
    // With words: only that conversation's messages.
    await box.pressSequentially('huila');
    await expect(results.first()).toContainText('Huila');
    await expect(results.first().locator('mark').first()).toHaveText('Huila');
    await expect(results.filter({ hasNotText: 'sofia.bakes' })).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath('search-label-words.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: test.info().outputPath('search-label-words-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await box.fill('label:nope refund');
    await expect(page.getByText('No label called “nope”.')).toBeVisible();
    await box.fill('is:nothing');
    await expect(page.getByText('DM Desk has no filter “is:nothing”.', { exact: false })).toBeVisible();
    // The help lists the filters.
    await page.getByRole('button', { name: 'Search filters' }).click();
    await expect(page.getByRole('definition').filter({ hasText: 'Done or snoozed conversations' })).toBeVisible();
  });

  test('a hostile archive is checked record by record: the report says what was skipped and why, and the inbox keeps working', async ({
    inbox,
  }) => {
    await inbox.open(NARROW);
    await inbox.connect();
    await expect(inbox.rows).toHaveCount(64);
    const options = await inbox.context.newPage();
    await options.goto(inbox.url('options.html'));
    const download = options.waitForEvent('download');
    await options.getByRole('button', { name: 'Export JSON of @lumencoffee' }).click();
    const archive = JSON.parse(fs.readFileSync((await (await download).path())!, 'utf8')) as {
      accounts: Array<Record<string, unknown>>;
      conversations: Array<Record<string, unknown> & { id: string; accountId: string; participant: { id: string } }>;
      messages: Array<Record<string, unknown> & { id: string; conversationId: string; createdTime: number; fromId: string | null }>;
    };
    const accountId = archive.conversations[0]!.accountId;
    const customerMessage = archive.messages.find((m) => m.fromId !== null && m.fromId !== accountId)!;
    const now = Date.now();
    const newConversation = 'aWdfZAG06MTpJR01lc3NhZAHostileThread1';
    archive.accounts[0] = { ...archive.accounts[0], connectedAt: 1e16, username: 'hijacked' };
    archive.conversations.push(
      // participant {} and a time far beyond any date: repaired, never pinned on top.
      { ...archive.conversations[0]!, id: newConversation, participant: {} as { id: string }, updatedTime: 1e16, lastInboundTime: 1e16 },
      { ...archive.conversations[0]!, id: 'aWdfZAG06MTpJR01lc3NhZAOther', accountId: '17841499999999999' },
      { ...archive.conversations[0]!, id: '../../me/accounts' },
    );
    const hostile = (over: Record<string, unknown>) => ({ ...customerMessage, conversationId: newConversation, ...over });
    archive.messages.push(
      hostile({ id: 'hostile-ok', createdTime: now - 3 * 86_400_000, text: 'An old hello from the hostile file' }),
      hostile({ id: 'hostile-1e16', createdTime: 1e16, text: 'From the far future' }),
      hostile({ id: 'hostile-future', createdTime: now + 30 * 86_400_000, text: 'Next month' }),
      hostile({ id: 'hostile/slash', text: 'Slash' }),
      hostile({
        id: 'hostile-js',
        createdTime: now - 2 * 86_400_000,
        attachments: [{ type: 'image', url: 'javascript:alert(1)' }],
        text: 'With a link',
      }),
      hostile({ id: 'hostile-other', conversationId: 'aWdfZAG06MTpJR01lc3NhZAOther', accountId: '17841499999999999' }),
      hostile({ id: 'hostile-big', text: 'x'.repeat(50_000) }),
    );
    const text = JSON.stringify(archive).replace('"hostile-ok"', '"hostile-ok","__proto__":{"isOwn":true}');
    await options
      .getByLabel('Import an archive (JSON)')
      .setInputFiles({ name: 'hostile.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    const report = options.getByRole('status', { name: 'Import report' });
    await expect(report).toContainText('Imported 2 new messages in 1 conversation.');
    await expect(report).toContainText('Skipped 2 conversations: account not connected in DM Desk (1); missing or malformed id (1).');
    await expect(report).toContainText('time missing or impossible (too old or in the future) (2)');
    await expect(report).toContainText('missing or malformed id (1)');
    await expect(report).toContainText('account not connected in DM Desk (1)');
    await expect(report).toContainText('text or a field too long (1)');
    await expect(report).toContainText('link that is not http(s) removed (1)');
    await expect(report).toContainText('customer id taken from the messages (1)');

    // The open inbox was told: the new thread shows without a reload, sorted by its real time.
    await expect(inbox.rows).toHaveCount(65);
    await expect(inbox.rows.first()).not.toContainText('With a link');
    await expect(inbox.row('With a link')).toBeVisible();
    // The account's own fields never came from the file.
    await expect(options.getByLabel('Archive size of @lumencoffee')).toBeVisible();
    await expect(options.getByText('@hijacked')).toHaveCount(0);

    // The inbox still draws after a reload, and the repaired thread opens.
    await inbox.page.reload();
    await expect(inbox.rows).toHaveCount(65);
    await expect(inbox.page.getByRole('heading', { name: 'Something went wrong' })).toHaveCount(0);
    await inbox.row('With a link').click();
    await expect(inbox.thread).toContainText('An old hello from the hostile file');
    await expect(inbox.messages.filter({ hasText: 'could not be shown' })).toHaveCount(0);
  });

  test('a refused import explains why', async ({ inbox }) => {
    const options = await inbox.context.newPage();
    await options.goto(inbox.url('options.html'));
    await options
      .getByLabel('Import an archive (JSON)')
      .setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
    await expect(options.getByRole('alert')).toHaveText('This file is not a DM Desk archive.');
  });

  test('a large import shows a labelled progress bar through its phases and then its report, while the inbox keeps working', async ({
    inbox,
  }) => {
    test.setTimeout(180_000);
    await inbox.open(WIDE);
    await inbox.connect();
    await expect(inbox.rows).toHaveCount(64);
    const options = await inbox.context.newPage();
    await options.goto(inbox.url('options.html'));
    const download = options.waitForEvent('download');
    await options.getByRole('button', { name: 'Export JSON of @lumencoffee' }).click();
    const archive = JSON.parse(fs.readFileSync((await (await download).path())!, 'utf8')) as {
      conversations: Array<{ id: string; participant: { username: string | null } }>;
      messages: Array<{ id: string; conversationId: string; createdTime: number; text: string }>;
    };
    // 20,000 older messages spread over the account's conversations: several batches of each
    // phase. In the file their times go back and forth (a teammate's merged archives).
    const template = archive.messages[0]!;
    const ids = archive.conversations.map((c) => c.id);
    for (let i = 0; i < 20_000; i++) {
      archive.messages.push({
        ...template,
        id: `bulk-${i}`,
        conversationId: ids[i % ids.length]!,
        createdTime: template.createdTime - (((i * 7919) % 20_000) + 1) * 60_000,
        text: `Bulk archived ${i} espresso`,
      });
    }
    await options
      .getByLabel('Import an archive (JSON)')
      .setInputFiles({ name: 'large.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(archive)) });
    const bar = options.getByRole('progressbar', { name: 'Import progress' });
    await expect(bar).toBeVisible();
    // A phase with a count: the bar has a value and the words say how far it is (storing, or the
    // search index that gets the messages after the report).
    await expect(options.getByText(/(Storing messages|Building the search index): [\d,]+ of 20,000/)).toBeVisible({ timeout: 60_000 });
    // The inbox answers meanwhile.
    await inbox.row('sofia.bakes').click();
    await expect(inbox.thread).toBeVisible();
    await expect(options.getByRole('status').filter({ hasText: 'Imported' })).toContainText('Imported 20,000 new messages', {
      timeout: 120_000,
    });
    await expect(bar).toBeHidden();
    // The search index gets the messages after the report, with its own bar; then every imported
    // message is found by search.
    await expect(options.getByRole('progressbar', { name: 'Search index progress' })).toBeHidden({ timeout: 60_000 });
    const box = inbox.page.getByRole('searchbox', { name: 'Search messages' });
    const results = inbox.page.getByRole('list', { name: 'Search results' }).getByRole('button');
    await expect(async () => {
      await box.fill('');
      await box.fill('bulk archived 19999');
      await expect(results).toHaveCount(1, { timeout: 2000 });
    }).toPass({ timeout: 60_000 });
    // The index got them in file order; the side panel puts each word's postings in time order
    // again (in a worker), so that a search reads the newest first: no word keeps full blocks
    // whose times overlap, and the newest espresso comes first.
    const searchBlocks = () =>
      inbox.page.evaluate(
        () =>
          new Promise<{ overlapping: string[]; espresso: number }>((resolve, reject) => {
            const open = indexedDB.open('dm-desk-search');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const keys = open.result.transaction('postings').objectStore('postings').getAllKeys();
              keys.onsuccess = () => {
                const spans = new Map<string, Array<[number, number]>>();
                for (const key of keys.result as Array<[string, string, number, number, number, number]>) {
                  if (key[3] === Infinity) continue;
                  const list = spans.get(key[1]) ?? [];
                  list.push([key[4], key[3]]);
                  spans.set(key[1], list);
                }
                const overlapping = [...spans]
                  .filter(([, list]) => list.sort((a, b) => a[0] - b[0]).some(([oldest], i) => i > 0 && oldest < list[i - 1]![1]))
                  .map(([term]) => term);
                open.result.close();
                resolve({ overlapping, espresso: spans.get('espresso')?.length ?? 0 });
              };
            };
          }),
      );
    await expect.poll(async () => (await searchBlocks()).overlapping, { timeout: 30_000 }).toEqual([]);
    expect((await searchBlocks()).espresso).toBeGreaterThanOrEqual(19);
    await box.fill('bulk archived espresso');
    await expect(results.first()).toContainText('Bulk archived 0 espresso');
    await options.close();
  });

  test('a 1,000-message thread scrolls through a bounded window both ways and jumps back to the newest', async ({ inbox }) => {
    test.setTimeout(120_000);
    await inbox.open(NARROW);
    await inbox.connect();
    await expect(inbox.rows).toHaveCount(64);
    // A teammate's archive with 1,000 older messages of Sofia's thread, imported on the options page.
    const options = await inbox.context.newPage();
    await options.goto(inbox.url('options.html'));
    const download = options.waitForEvent('download');
    await options.getByRole('button', { name: 'Export JSON of @lumencoffee' }).click();
    const archive = JSON.parse(fs.readFileSync((await (await download).path())!, 'utf8')) as {
      conversations: Array<{ id: string; participant: { username: string | null } }>;
      messages: Array<{ id: string; conversationId: string; createdTime: number; text: string; isOwn: boolean }>;
    };
    const sofia = archive.conversations.find((c) => c.participant.username === 'sofia.bakes')!;
    const kept = archive.messages.filter((m) => m.conversationId === sofia.id);
    const template = kept[0]!;
    const oldest = Math.min(...kept.map((m) => m.createdTime));
    const older = Array.from({ length: 1000 }, (_, i) => ({
      ...template,
      id: `imported-${i}`,
      createdTime: oldest - (1000 - i) * 3_600_000,
      isOwn: i % 2 === 1,
      text: `Archived message ${i}`,
    }));
    archive.messages.push(...older);
    await options
      .getByLabel('Import an archive (JSON)')
      .setInputFiles({ name: 'archive.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(archive)) });
    await expect(options.getByRole('status').filter({ hasText: 'Imported' })).toContainText('Imported 1,000 new messages');
    await options.close();

    await inbox.page.reload();
    await inbox.row('sofia.bakes').click();
    const newest = kept.reduce((a, b) => (b.createdTime > a.createdTime ? b : a));
    await expect(inbox.messages.last()).toContainText(newest.text);
    await expect(inbox.page.getByRole('button', { name: 'Newest messages' })).toBeHidden();

    // Up to the start of the archive: each page keeps the message in view where it was, and the
    // thread never holds more than a few pages.
    const scroller = inbox.page.locator('.thread-scroll');
    const start = inbox.page.getByRole('note').filter({ hasText: 'Start of the archive' });
    let most = 0;
    for (let step = 0; step < 40 && !(await start.isVisible()); step++) {
      const text = (await inbox.messages.first().textContent()) ?? '';
      await scroller.evaluate((el) => (el.scrollTop = 0));
      await expect(async () => {
        expect((await inbox.messages.first().textContent()) !== text || (await start.isVisible())).toBe(true);
      }).toPass({ timeout: 10_000 });
      await expect(inbox.messages.filter({ hasText: text }).first()).toBeInViewport();
      most = Math.max(most, await inbox.messages.count());
    }
    await expect(inbox.page.getByRole('note')).toContainText('Start of the archive');
    await expect(inbox.messages.first()).toContainText('Archived message 0');
    expect(most).toBeGreaterThan(100);
    expect(most).toBeLessThanOrEqual(200);

    // Far back in history: the way to the newest message is offered; newer pages load going down.
    const jump = inbox.page.getByRole('button', { name: 'Newest messages' });
    await expect(jump).toBeVisible();
    const bottomBefore = (await inbox.messages.last().textContent()) ?? '';
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect(inbox.messages.last()).not.toHaveText(bottomBefore);
    await expect(inbox.messages.filter({ hasText: bottomBefore }).first()).toBeInViewport();
    expect(await inbox.messages.count()).toBeLessThanOrEqual(200);

    await jump.click();
    await expect(inbox.messages.last()).toContainText(newest.text);
    await expect(inbox.messages.last()).toBeInViewport();
    await expect(jump).toBeHidden();
    await expect(inbox.page.getByRole('button', { name: 'Load newer messages' })).toHaveCount(0);
  });
});

test('a list of hundreds of conversations renders only the rows in view', async ({ inbox, admin }) => {
  test.setTimeout(90_000);
  await admin.call('POST', 'reset', { seed: { scale: { conversations: 400, messagesPerConversation: 2 } } });
  await inbox.open(NARROW);
  await inbox.connect();
  const list = inbox.page.getByRole('list', { name: 'Conversations' });
  await expect(list.getByRole('listitem').first()).toHaveAttribute('aria-setsize', '400', { timeout: 60_000 });
  expect(await list.getByRole('button').count()).toBeLessThan(60);
  await inbox.page.locator('.virtual-scroller').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(list.getByRole('listitem').last()).toHaveAttribute('aria-posinset', '400');
  expect(await list.getByRole('button').count()).toBeLessThan(60);
});

/** Asks the background for desk changes from the options page, as the side panel's buttons do. */
async function deskRequests(inbox: InboxPage) {
  const options = await inbox.context.newPage();
  await options.goto(inbox.url('options.html'));
  const ask = (name: string, payload: unknown) =>
    options.evaluate(
      async ([n, p]) => {
        const reply = (await chrome.runtime.sendMessage({ channel: 'dmdesk/request', name: n, payload: p })) as {
          ok: boolean;
          value?: unknown;
          error?: { message: string };
        };
        if (!reply.ok) throw new Error(reply.error?.message);
        return reply.value as { id: string };
      },
      [name, payload] as const,
    );
  const accountId = await options.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open('dm-desk');
        open.onsuccess = () => {
          const all = open.result.transaction('accounts').objectStore('accounts').getAll();
          all.onsuccess = () =>
            resolve((all.result as Array<{ id: string; username: string }>).find((a) => a.username === 'lumencoffee')!.id);
        };
      }),
  );
  return { ask, accountId, options };
}
