/**
 * The service worker stopped at each step of a send and of a sync (as Chrome does after ~30 s idle,
 * or on a crash): nothing typed is lost, nothing reaches Meta twice, nothing received is skipped.
 */
import { expect, test } from '../e2e/fixtures';
import { NARROW } from '../e2e/pages/inbox-page';
import { restartWorker, stopWorker, wakeWorker } from '../e2e/pages/service-worker';
import { bubble, expectSentOnce, openWindow, sendCallsWith, storedCount, storedTexts, typeAndSend } from './support';

test.describe('a send', () => {
  test.beforeEach(async ({ inbox, admin }) => {
    await openWindow(admin, 'lumencoffee', 'maria_twin', 'Is the shop open?');
    await openWindow(admin, 'lumencoffee', 'newest', 'One more bag please');
    await inbox.open(NARROW);
    await inbox.connect();
    await expect(inbox.rows).toHaveCount(64);
  });

  test('worker killed before the request: the stored reply is sent exactly once by the next worker', async ({ inbox, admin, context }) => {
    // The outbox waits out its grace period (90 s) before it may send again.
    test.setTimeout(240_000);
    // The worker's send is held in the browser, before anything goes on the wire, and the worker dies there.
    let held = false;
    await context.route('**/messages', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      held = true;
      // Never continued: the worker dies with the request unsent.
    });
    await inbox.row('maria_').click();
    const text = 'Kill-before: written, never on the wire';
    await typeAndSend(inbox, text);
    await expect(bubble(inbox, text)).toBeVisible();
    await expect.poll(() => held, { timeout: 10_000 }).toBe(true);
    await stopWorker(context);
    await context.unroute('**/messages');
    expect(await sendCallsWith(admin, text)).toHaveLength(0);
    await wakeWorker(context, () => inbox.page.reload());
    // The next worker cannot know the request never left: it checks the thread, and only once the
    // thread proves the reply absent does it go out again (on its own, or by the person's Retry).
    const b = bubble(inbox, text);
    await expect(b.getByRole('button', { name: 'Retry' })).toHaveCount(0);
    await expect(async () => {
      if ((await storedCount(admin, 'lumencoffee', 'maria_twin', text)) === 1) return;
      const retry = b.getByRole('button', { name: 'Retry' });
      if (await retry.isVisible()) await retry.click();
      throw new Error('not at Meta yet');
    }).toPass({ timeout: 180_000, intervals: [1_000] });
    // Nothing typed is lost, nothing doubled.
    await expectSentOnce(inbox, admin, 'maria_twin', text);
    expect(await sendCallsWith(admin, text)).toHaveLength(1);
  });

  test('worker killed after the request left, before the answer was persisted: one message, resolves to sent', async ({
    inbox,
    admin,
    context,
  }) => {
    // Meta stores it after 3 s; the worker that asked is gone by then.
    await admin.fault({ match: '/messages', method: 'POST', kind: 'latency', latencyMs: 3_000 });
    await inbox.row('sofia.bakes').click();
    const text = 'Kill-during: your order is packed';
    await typeAndSend(inbox, text);
    await expect(bubble(inbox, text)).toContainText('Sending…');
    await inbox.page.waitForTimeout(500);
    await restartWorker(context, async () => {
      await inbox.page.waitForTimeout(3_500);
      await inbox.page.reload();
    });
    await expectSentOnce(inbox, admin, 'newest', text, { timeout: 90_000 });
    expect(await sendCallsWith(admin, text)).toHaveLength(1);
  });

  test('worker killed after the answer was persisted: nothing is sent again', async ({ inbox, admin, context }) => {
    await inbox.row('maria_').click();
    const text = 'Kill-after: thanks, see you';
    await typeAndSend(inbox, text);
    await expect(bubble(inbox, text)).toContainText('Sent', { timeout: 20_000 });
    await restartWorker(context, () => inbox.page.reload());
    await expect(inbox.thread).toBeVisible();
    await expectSentOnce(inbox, admin, 'maria_twin', text);
    expect(await sendCallsWith(admin, text)).toHaveLength(1);
  });
});

test('worker killed in the middle of paging a sync: every conversation arrives once, nothing skipped', async ({
  inbox,
  admin,
  context,
}) => {
  // Each page of conversations takes 1.5 s, so the first sync (64 conversations, 25 a page) is mid-way when the worker dies.
  await admin.fault({ match: '/conversations', kind: 'latency', latencyMs: 1_500, times: 0 });
  await inbox.open(NARROW);
  await inbox.connect();
  await expect
    .poll(async () => (await admin.requests()).filter((r) => r.path.endsWith('/conversations') && r.query.after).length, {
      timeout: 30_000,
      intervals: [200],
    })
    .toBeGreaterThan(0);
  await restartWorker(context, () => inbox.page.reload());
  await admin.inbound({ account: 'lumencoffee', from: { username: 'after.kill' }, text: 'Arrived after the kill' });
  await admin.clearFaults();
  await inbox.refreshButton.click();
  await expect(inbox.rows).toHaveCount(65, { timeout: 45_000 });
  await expect(inbox.rows.first()).toContainText('after.kill');
  // A thread read before the kill and one read after hold each of Meta's newest 20 once.
  for (const [name, label] of [
    ['sofia.bakes', 'newest'],
    ['wholesale.berlin', 'long_thread'],
  ] as const) {
    await inbox.row(name).first().click();
    const stored = await storedTexts(admin, 'lumencoffee', label);
    await expect(inbox.messages.last()).toContainText(stored[stored.length - 1] ?? '');
    await expect(inbox.messages).toHaveCount(Math.min(20, stored.length));
    await inbox.backButton.click();
  }
});
