/**
 * Rate limits outlive the service worker: an account Meta throttled is not asked again before the
 * time Meta gives, and an app-wide limit (code 4) stops every account, not just one.
 */
import { expect, test } from '../e2e/fixtures';
import { NARROW } from '../e2e/pages/inbox-page';
import { restartWorker } from '../e2e/pages/service-worker';
import { ATELIER_PAGE, LUMEN_PAGE, callsFor, syncOften } from './support';

test.beforeEach(async ({ inbox, serviceWorker }) => {
  await inbox.open(NARROW);
  await inbox.connect();
  await expect(inbox.rows).toHaveCount(64);
  await syncOften(serviceWorker);
});

test('a rate limit with a regain time: that account is not asked again before it, even by a new worker', async ({
  inbox,
  admin,
  context,
}) => {
  // Lumen is throttled for 10 minutes (X-Business-Use-Case-Usage estimated_time_to_regain_access: 10).
  await admin.fault({ match: '/', kind: 'rate_limit', code: 80002, regainMinutes: 10, account: 'lumencoffee', times: 0 });
  await admin.clearRequests();
  await inbox.refreshButton.click();
  await expect
    .poll(async () => (await callsFor(admin, LUMEN_PAGE)).filter((r) => r.fault === 'rate_limit').length, { timeout: 20_000 })
    .toBeGreaterThan(0);
  // The next calls for Lumen, over several ticks and a worker restart, must wait for the regain time.
  await inbox.page.waitForTimeout(1_000);
  await admin.clearRequests();
  await inbox.page.waitForTimeout(8_000);
  await restartWorker(context, () => inbox.page.reload());
  await inbox.page.waitForTimeout(8_000);
  expect((await callsFor(admin, LUMEN_PAGE)).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  // Other accounts were still read.
  expect((await callsFor(admin, ATELIER_PAGE)).length).toBeGreaterThan(0);
  // The person still sees Lumen's saved inbox, with a way to understand the wait.
  await expect(inbox.rows).toHaveCount(64);
  await inbox.refreshButton.click();
  await inbox.page.waitForTimeout(2_000);
  expect((await callsFor(admin, LUMEN_PAGE)).map((r) => `${r.method} ${r.path}`)).toEqual([]);
});

test('code 4 (app-wide limit): no account is asked until the app may call again', async ({ inbox, admin, context }) => {
  // One app-wide refusal; every later call would succeed, so any call in the log is a call made too soon.
  await admin.fault({ match: '/conversations', kind: 'rate_limit', code: 4, regainMinutes: 10 });
  await admin.clearRequests();
  await inbox.refreshButton.click();
  await expect.poll(async () => (await admin.requests()).filter((r) => r.fault === 'rate_limit').length, { timeout: 20_000 }).toBe(1);
  await inbox.page.waitForTimeout(1_000);
  await admin.clearRequests();
  await inbox.page.waitForTimeout(8_000);
  await restartWorker(context, () => inbox.page.reload());
  await inbox.page.waitForTimeout(6_000);
  const asked = (await admin.requests()).filter((r) => r.pageId !== undefined).map((r) => `${r.method} ${r.path}`);
  expect(asked).toEqual([]);
  await expect(inbox.rows).toHaveCount(64);
});
