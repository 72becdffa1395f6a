/**
 * Accounts stay as the user left them: a disconnected account is not brought back by a silent
 * re-login, and one account's dead login marks only that account (and is not retried every tick).
 */
import { expect, test } from '../e2e/fixtures';
import { NARROW } from '../e2e/pages/inbox-page';
import { ATELIER_PAGE, LUMEN_PAGE, callsFor, syncOften } from './support';

test.beforeEach(async ({ inbox }) => {
  await inbox.open(NARROW);
  await inbox.connect();
  await expect(inbox.rows).toHaveCount(64);
});

test('a disconnected account is not re-added when the tokens expire and the login is renewed silently', async ({
  inbox,
  admin,
  serviceWorker,
}) => {
  const options = await inbox.context.newPage();
  await options.goto(inbox.url('options.html'));
  await options.getByRole('button', { name: 'Disconnect @ateliernord' }).click();
  await options.getByRole('group', { name: 'Confirm disconnecting @ateliernord' }).getByRole('button', { name: 'Disconnect' }).click();
  await expect(options.getByText('@ateliernord')).toHaveCount(0);
  await admin.clearRequests();

  // Every token dies; consent is remembered, so the next login completes without a window.
  await admin.expireTokens();
  await syncOften(serviceWorker);
  await admin.inbound({ account: 'lumencoffee', from: { username: 'after.renewal' }, text: 'Still reading?' });
  await inbox.page.bringToFront();
  await inbox.refreshButton.click();
  // The silent re-login happened and Lumen reads again with its new token.
  await expect(inbox.rows.first()).toContainText('after.renewal', { timeout: 30_000 });
  expect((await admin.requests()).some((r) => r.path.endsWith('/dialog/oauth'))).toBe(true);
  // Several sync ticks later Atelier Nord is still gone, everywhere, and was never read again.
  await inbox.page.waitForTimeout(10_000);
  await expect(inbox.pills).toHaveText(['Lumen Coffee', 'Quiet Studio', 'Pine & Pixel']);
  await options.reload();
  await expect(options.getByRole('button', { name: 'Disconnect @lumencoffee' })).toBeVisible();
  await expect(options.getByText('@ateliernord')).toHaveCount(0);
  expect((await callsFor(admin, ATELIER_PAGE)).map((r) => r.path)).toEqual([]);
});

test('a 190 on one account marks only that account; the silent re-login is not retried every tick', async ({
  inbox,
  admin,
  serviceWorker,
}) => {
  // Atelier Nord's login is dead for good (a new Page token does not help); the others are fine.
  await admin.fault({ match: '/', kind: 'token_expired', account: 'ateliernord', times: 0 });
  await syncOften(serviceWorker);
  await admin.clearRequests();
  await inbox.refreshButton.click();
  await inbox.pill('Atelier Nord').click();
  await expect(inbox.page.getByRole('heading', { name: 'Reconnect needed' })).toBeVisible({ timeout: 20_000 });
  await expect(inbox.page.getByRole('alert').filter({ hasText: 'Reconnect needed' })).toContainText('@ateliernord');

  // Lumen is not marked and keeps syncing.
  await admin.inbound({ account: 'lumencoffee', from: { username: 'still.fine' }, text: 'Hello from a healthy account' });
  await inbox.pill('Lumen Coffee').click();
  await expect(inbox.rows.first()).toContainText('still.fine', { timeout: 20_000 });
  await expect(inbox.page.getByRole('heading', { name: 'Reconnect needed' })).toHaveCount(0);
  await inbox.pill('Quiet Studio').click();
  await expect(inbox.page.getByRole('heading', { name: 'Reconnect needed' })).toHaveCount(0);

  // Two ticks of 10 s (the inbox is in view): the dead account costs at most one silent re-login, not one per tick.
  await admin.clearRequests();
  await inbox.page.waitForTimeout(20_000);
  const log = await admin.requests();
  const logins = log.filter((r) => r.path.endsWith('/dialog/oauth')).length;
  const discoveries = log.filter((r) => r.path.endsWith('/me/accounts')).length;
  expect(logins, 'silent logins in 20 s').toBeLessThanOrEqual(1);
  expect(discoveries, '/me/accounts calls in 20 s').toBeLessThanOrEqual(1);
  // Lumen was read on its own schedule meanwhile.
  expect((await callsFor(admin, LUMEN_PAGE)).length).toBeGreaterThan(0);
});
