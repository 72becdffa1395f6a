/** The desk in Firefox: Done with `e` leaves the Inbox for Done, and a new customer message brings it back. */
import { expect, test } from './fixtures';
import type { InboxPage } from './inbox-page';

/** The view tabs as their visible text ("Inbox 64", "Done 1"…). */
async function views(inbox: InboxPage): Promise<string[]> {
  return Promise.all((await inbox.within('tablist', 'Views', 'tab')).map((t) => t.evaluate((e) => (e.textContent ?? '').trim())));
}

test('e marks a conversation done; a new message from the customer brings it back to the Inbox', async ({ inbox, admin }) => {
  await inbox.expect(async () => expect(await views(inbox)).toContain('Inbox 64'), 15_000);
  const row = await inbox.row('sofia.bakes');
  await row.focus();
  await inbox.page.keyboard.press('e');
  await inbox.expect(async () => expect(await views(inbox)).toEqual(expect.arrayContaining(['Inbox 63', 'Done 1'])));
  await inbox.expect(async () => expect((await inbox.rowTexts()).some((t) => t.includes('sofia.bakes'))).toBe(false));

  const sofia = (await admin.conversations('lumencoffee')).find((c) => c.customer.username === 'sofia.bakes')!;
  await admin.inbound({ account: 'lumencoffee', from: sofia.customer.id, text: 'Back again from Firefox' });
  await (await inbox.get('button', 'Refresh')).click();
  await inbox.expect(async () => expect(await views(inbox)).toEqual(expect.arrayContaining(['Inbox 64', 'Done 0'])), 20_000);
  expect((await inbox.rowTexts())[0]).toContain('Back again from Firefox');
});
