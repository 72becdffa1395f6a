/**
 * Paging always ends and never skips: a cursor that never advances stops the sync; code 1 ("reduce
 * the amount of data") makes the sync ask for less, and still every new message of a changed
 * thread ends up stored.
 */
import { expect, test } from '../e2e/fixtures';
import { NARROW } from '../e2e/pages/inbox-page';
import { extensionMessages } from './support';

test('a paging cursor that never advances: the sync ends, the inbox works', async ({ inbox, admin }) => {
  await admin.fault({ match: '/conversations', kind: 'cursor_stuck', times: 0 });
  await inbox.open(NARROW);
  await inbox.connect();
  // The first page shows and the sync stops on the repeated cursor instead of paging forever.
  await expect(inbox.rows.first()).toBeVisible({ timeout: 20_000 });
  await expect(inbox.refreshButton).toBeEnabled({ timeout: 30_000 });
  await inbox.page.waitForTimeout(3_000);
  const paged = (await admin.requests()).filter((r) => r.path.endsWith('/conversations') && r.query.after);
  const perCursor = new Map<string, number>();
  for (const r of paged) perCursor.set(r.query.after ?? '', (perCursor.get(r.query.after ?? '') ?? 0) + 1);
  expect(Math.max(0, ...perCursor.values()), 'asks for one cursor').toBeLessThanOrEqual(2);
  // Nothing is still paging a moment later (names are read for the rows in view meanwhile: those
  // are profile reads, not the conversation list).
  const listReads = async (): Promise<number> => (await admin.requests()).filter((r) => r.path.endsWith('/conversations')).length;
  const before = await listReads();
  await inbox.page.waitForTimeout(3_000);
  expect((await listReads()) - before).toBeLessThanOrEqual(2);
  // The inbox is usable: a thread opens, and once the fault clears the rest arrives.
  await inbox.rows.first().click();
  await expect(inbox.thread).toBeVisible();
  await inbox.backButton.click();
  await admin.clearFaults();
  await inbox.refreshButton.click();
  await expect(inbox.rows).toHaveCount(64, { timeout: 30_000 });
});

test('code 1 above a data size: every one of 20 new messages of a changed thread ends up stored', async ({ inbox, admin }) => {
  await inbox.open(NARROW);
  await inbox.connect();
  await expect(inbox.rows).toHaveCount(64);
  const sofia = (await admin.conversations('lumencoffee')).find((c) => c.label === 'newest')!;
  const burst = Array.from({ length: 20 }, (_, i) => `Burst message ${i + 1} of 20`);
  for (const text of burst) {
    // Meta's times are whole seconds: one second apart keeps their order unambiguous.
    await admin.advanceClock(1_000);
    await admin.inbound({ account: 'lumencoffee', from: sofia.customer.id, text });
  }
  // Meta refuses any read asking for more than 60 items (e.g. 5 conversations × 12 messages passes, 5 × 20 does not).
  await admin.fault({ match: '/conversations', kind: 'data_size', maxData: 60, times: 0 });
  await inbox.refreshButton.click();
  await expect
    .poll(async () => (await admin.requests()).filter((r) => r.fault === 'data_size').length, { timeout: 20_000 })
    .toBeGreaterThan(0);
  // However the sync lowers its limits, all 20 are stored in DM Desk.
  await expect
    .poll(
      async () => {
        const stored = await extensionMessages(inbox.page, sofia.id);
        return burst.filter((t) => stored.filter((m) => m.text === t).length === 1).length;
      },
      { timeout: 60_000, intervals: [1_000] },
    )
    .toBe(20);
  // And none twice.
  const stored = await extensionMessages(inbox.page, sofia.id);
  expect(new Set(stored.map((m) => m.id)).size).toBe(stored.length);
  await inbox.row('sofia.bakes').click();
  await expect(inbox.messages.last()).toContainText('Burst message 20 of 20');
  await expect(inbox.messages.filter({ hasText: 'Burst message 1 of 20' })).toHaveCount(1);
});
