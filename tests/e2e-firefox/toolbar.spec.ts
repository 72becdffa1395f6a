/** The toolbar badge and notifications, read through `browser.action` and `browser.notifications`. */
import { ACCOUNTS, expect, test } from './fixtures';
import { badge, notificationIds, syncNow, syncsSettled } from './extension-api';

/** The Lumen Coffee IG account id (tests/emulator/README.md, seed). */
const LUMEN_ID = '17841045117986554';

test('the toolbar badge reads "!" with @pineandpixel (no messaging permission) in its title', async ({ inbox }) => {
  // The first sync after connecting marks Pine & Pixel as lacking the permission; nothing is unread.
  const shown = await inbox.expect(async () => {
    const b = await badge(inbox.page);
    expect(b.text).toBe('!');
    expect(b.title).toMatch(/@pineandpixel: permission required/);
    return b;
  }, 15_000);
  expect(shown.title).toMatch(/^DM Desk — no unread conversations; needs attention:\n/);
  expect(await notificationIds(inbox.page), 'connecting notifies about nothing').toEqual([]);
});

test('a new customer message makes the badge "1" and a notification after a sync', async ({ inbox, admin }) => {
  await syncsSettled(inbox.page, ACCOUNTS.length);
  const inbound = await admin.inbound({ account: 'lumencoffee', from: { username: 'ff.fan' }, text: 'Hello from Firefox' });
  await syncNow(inbox.page);
  const shown = await inbox.expect(async () => {
    const b = await badge(inbox.page);
    expect(b.text).toBe('1');
    return b;
  }, 15_000);
  // Still red for Pine & Pixel: the count replaces the "!" but the reason stays in the tooltip.
  expect(shown.title).toMatch(/^DM Desk — 1 unread conversation; needs attention:\n@pineandpixel: permission required/);
  const ids = await inbox.expect(async () => {
    const found = await notificationIds(inbox.page);
    expect(found, 'one notification').toHaveLength(1);
    return found;
  }, 10_000);
  // Its id names the account and the conversation: dmdesk|<account>|<conversation>|…
  expect(ids[0]?.split('|').slice(0, 3), 'a notification for ff.fan at Lumen Coffee').toEqual([
    'dmdesk',
    LUMEN_ID,
    inbound.conversation_id,
  ]);
});
