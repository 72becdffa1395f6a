/**
 * A hostile archive file: bad shapes, impossible times, a future date, markup and script URLs. The
 * import reports what it took and what it skipped, and the inbox still renders.
 */
import fs from 'node:fs';
import { expect, test } from '../e2e/fixtures';
import { NARROW } from '../e2e/pages/inbox-page';

type Row = Record<string, unknown>;

test('a hostile import file: a report of what was imported and skipped, and the inbox still renders', async ({ inbox, admin }) => {
  await inbox.open(NARROW);
  await inbox.connect();
  await expect(inbox.rows).toHaveCount(64);
  const options = await inbox.context.newPage();
  await options.goto(inbox.url('options.html'));
  const download = options.waitForEvent('download');
  await options.getByRole('button', { name: 'Export JSON of @lumencoffee' }).click();
  const archive = JSON.parse(fs.readFileSync((await (await download).path())!, 'utf8')) as {
    accounts?: Row[];
    conversations: Row[];
    messages: Row[];
  };
  const [c0, c1, c2, c3] = archive.conversations;
  const template = archive.messages.find((m) => m.conversationId === c0!.id)!;
  const hostile: unknown[] = [
    // Impossible and far-future times.
    { ...template, id: 'hostile-huge-time', createdTime: 1e16, text: 'huge time' },
    { ...template, id: 'hostile-future', createdTime: Date.now() + 400 * 24 * 3600 * 1000, text: 'from the future' },
    { ...template, id: 'hostile-negative', createdTime: -5, text: 'before 1970' },
    // Wrong types and missing fields.
    { ...template, id: 42, text: 'numeric id' },
    { ...template, id: 'hostile-no-conv', conversationId: undefined, text: 'no conversation' },
    { ...template, id: 'hostile-text-object', text: { html: '<b>x</b>' } },
    // Markup and script URLs must stay text. Dated before the thread Meta serves: inside that span a
    // customer message Meta does not list is one the customer unsent, and the next sync says so.
    {
      ...template,
      id: 'hostile-markup',
      createdTime: Math.min(...archive.messages.filter((m) => m.conversationId === c0!.id).map((m) => Number(m.createdTime))) - 60_000,
      text: '<img src=x onerror="document.body.dataset.pwned=1"><script>document.body.dataset.pwned=1</script>',
      attachments: [{ type: 'image', url: 'javascript:document.body.dataset.pwned=1' }],
    },
    // A message of a conversation of another account.
    { ...template, id: 'hostile-other-account', accountId: '99999999999', text: 'not this account' },
    null,
    'just a string',
  ];
  archive.messages.push(...(hostile as Row[]));
  // A participant with nothing in it, a conversation with a future update time, one with no id.
  c1!.participant = {};
  c2!.updatedTime = Date.now() + 10 * 365 * 24 * 3600 * 1000;
  archive.conversations.push({ ...c3!, id: undefined });
  archive.conversations.push({ ...c3!, id: 'hostile-conv', participant: null });
  if (Array.isArray(archive.accounts)) for (const a of archive.accounts) a.connectedAt = 1e16;

  await options
    .getByLabel('Import an archive (JSON)')
    .setInputFiles({ name: 'hostile.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(archive)) });
  const report = options.getByRole('status', { name: 'Import report' });
  await expect(report).toContainText(/Imported \d+ new message/, { timeout: 20_000 });
  await expect(report).toContainText(/Skipped \d+ message/);
  await expect(report).toContainText(/Skipped \d+ conversation/);

  // The inbox renders every row; the hostile thread opens and shows its markup as text.
  await inbox.page.bringToFront();
  await inbox.page.reload();
  // Every seeded conversation still shows (a repaired hostile one may be listed too).
  await expect.poll(() => inbox.rows.count()).toBeGreaterThanOrEqual(64);
  const listed = await inbox.rows.count();
  expect(listed).toBeLessThanOrEqual(65);
  await expect(inbox.page.getByRole('heading', { name: 'Something went wrong' })).toHaveCount(0);
  await inbox.rows.first().click();
  await expect(inbox.thread).toBeVisible();
  await inbox.backButton.click();
  const newestRow = inbox.row(String((c0!.participant as Row | undefined)?.username ?? 'sofia.bakes'));
  await newestRow.first().click();
  await expect(inbox.thread).toBeVisible();
  await expect(inbox.messages.filter({ hasText: '<script>' })).toHaveCount(1);
  expect(await inbox.page.evaluate(() => document.body.dataset.pwned ?? null)).toBeNull();
  // The future-dated row does not sit on top of the list forever: a new message goes above it.
  await inbox.backButton.click();
  await admin.inbound({ account: 'lumencoffee', from: { username: 'after.import' }, text: 'New after the import' });
  await inbox.refreshButton.click();
  await expect(inbox.rows.first()).toContainText('after.import', { timeout: 20_000 });
  await expect(inbox.rows).toHaveCount(listed + 1);
});
