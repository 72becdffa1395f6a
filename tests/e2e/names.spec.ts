/**
 * Names: Meta's conversation list carries only usernames; the names come from the User Profile API
 * for the rows in view and for new conversations, with the username beside them, else the
 * username, else "Instagram User".
 */
import { expect, test } from './fixtures';
import type { EmulatorAdmin } from './pages/emulator-admin';
import { WIDE } from './pages/inbox-page';

/** Whether the emulator answered a profile read of this contact (in a batch) with `status`. */
async function profileRead(admin: EmulatorAdmin, igsid: string, status: number): Promise<boolean> {
  return (await admin.requests()).some((r) => r.batch === true && r.path.endsWith(`/${igsid}`) && r.status === status);
}

test.describe('names', () => {
  test('rows and the thread header show the name with the username beside it', async ({ inbox }) => {
    await inbox.open(WIDE);
    await inbox.connect();
    await expect(inbox.rows).toHaveCount(64);
    const sofia = inbox.row('sofia.bakes');
    await expect(sofia).toContainText(/Sofia Marin\s*@sofia\.bakes/, { timeout: 20_000 });
    // Two people called Maria stay two contacts, told apart by their usernames.
    await expect(inbox.row('@maria_')).toContainText('Maria', { timeout: 20_000 });
    await expect(inbox.row('@maria').filter({ hasText: 'Maria Lopez' })).toHaveCount(1);

    await sofia.click();
    const heading = inbox.thread.getByRole('heading', { level: 2 });
    await expect(heading).toHaveText(/^Sofia Marin\s*@sofia\.bakes$/);
    await inbox.page.getByRole('button', { name: 'Contact details' }).click();
    await expect(inbox.page.getByRole('complementary', { name: 'Contact details' })).toContainText('Sofia Marin');
  });

  test('falls back to the username (consent 230, no name) and to "Instagram User" (9010)', async ({ inbox, admin }) => {
    // Names take half of an account's 2 reads/s: rows scrolled into view wait their turn.
    test.setTimeout(90_000);
    const conversations = await admin.conversations('lumencoffee');
    const customerOf = (label: string): string => conversations.find((c) => c.label === label)?.customer.id ?? '';
    await inbox.open(WIDE);
    await inbox.connect();
    await expect(inbox.rows).toHaveCount(64);

    // Meta withholds the profile without consent: the username stays, and nothing is asked again.
    const ghost = inbox.row('ghost.account');
    await ghost.scrollIntoViewIfNeeded();
    await expect.poll(() => profileRead(admin, customerOf('no_consent'), 400), { timeout: 20_000 }).toBe(true);
    await expect(ghost).toHaveCount(1);
    await expect(ghost).not.toContainText('@');

    // No matching Instagram user (9010) and no username: "Instagram User".
    const anon = inbox.row('Instagram User');
    await anon.scrollIntoViewIfNeeded();
    await expect.poll(() => profileRead(admin, customerOf('no_username'), 400), { timeout: 20_000 }).toBe(true);
    await expect(anon).toHaveCount(1);

    // A customer whose profile has no name: the username alone.
    const nameless = conversations.find((c) => c.label === 'generic' && c.customer.username && !('name' in c.customer && c.customer.name));
    const username = nameless?.customer.username ?? '';
    expect(username).not.toBe('');
    const row = inbox.row(username);
    await row.scrollIntoViewIfNeeded();
    await expect.poll(() => profileRead(admin, nameless?.customer.id ?? '', 200), { timeout: 20_000 }).toBe(true);
    await expect(row).not.toContainText('@');

    await ghost.click();
    await expect(inbox.thread.getByRole('heading', { level: 2 })).toHaveText('ghost.account');
    // The list and the panel read the same cached profile: opening it asks Meta nothing more for the name.
    await inbox.page.getByRole('button', { name: 'Contact details' }).click();
    await expect(inbox.page.getByRole('complementary', { name: 'Contact details' })).toContainText('only after they message the account');
  });

  test('a new customer is named in the list and their notification, and a search for the name finds them', async ({
    inbox,
    admin,
    serviceWorker,
  }) => {
    await inbox.open(WIDE);
    await inbox.connect();
    await expect(inbox.rows).toHaveCount(64);
    // The notifications the background shows, as the browser is asked for them.
    await serviceWorker.evaluate(() => {
      const shown: string[] = [];
      (globalThis as unknown as { shownTitles: string[] }).shownTitles = shown;
      type Create = (id: string, options: chrome.notifications.NotificationCreateOptions) => Promise<string>;
      const create = (chrome.notifications.create as Create).bind(chrome.notifications);
      (chrome.notifications as unknown as { create: Create }).create = (id, options) => {
        shown.push(options.title);
        return create(id, options);
      };
    });
    await admin.inbound({ account: 'lumencoffee', from: { username: 'nora.q', name: 'Nora Quinn' }, text: 'Do you ship beans to Oslo?' });
    await inbox.refreshButton.click();
    await expect(inbox.rows.first()).toContainText(/Nora Quinn\s*@nora\.q/, { timeout: 20_000 });
    await expect
      .poll(() => serviceWorker.evaluate(() => (globalThis as unknown as { shownTitles: string[] }).shownTitles))
      .toEqual(['Nora Quinn (@nora.q) · @lumencoffee']);
    const box = inbox.page.getByRole('searchbox', { name: 'Search messages' });
    await box.fill('nora quinn');
    const results = inbox.page.getByRole('list', { name: 'Search results' });
    await expect(results.getByRole('button').first()).toContainText('Nora Quinn');
    await expect(results.getByRole('button').first()).toContainText('Do you ship beans to Oslo?');
  });
});
