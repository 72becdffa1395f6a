/**
 * Sends whose outcome is unknown: Meta stored the reply but the answer was lost, held, or an error.
 * Each ends as exactly one message at Meta; Retry is offered only once the thread proves it absent.
 */
import { expect, test } from '../e2e/fixtures';
import { NARROW } from '../e2e/pages/inbox-page';
import { bubble, expectSentOnce, openWindow, sendCallsWith, storedCount, typeAndSend } from './support';

const LABEL = 'maria_twin';

test.beforeEach(async ({ inbox, admin }) => {
  await openWindow(admin, 'lumencoffee', LABEL, 'Do you have oat milk?');
  await inbox.open(NARROW);
  await inbox.connect();
  await expect(inbox.rows).toHaveCount(64);
  await inbox.row('maria_').click();
  await expect(inbox.messages.last()).toContainText('Do you have oat milk?');
});

test('send answer lost (200 with the body cut mid-JSON): one message at Meta, the bubble ends as sent', async ({ inbox, admin }) => {
  await admin.fault({ match: '/messages', method: 'POST', kind: 'processed_cut' });
  const text = 'Cut answer: yes, oat milk every day';
  await typeAndSend(inbox, text);
  await expectSentOnce(inbox, admin, LABEL, text);
  // Meta had it: it is never sent a second time.
  expect(await sendCallsWith(admin, text)).toHaveLength(1);
});

test('send answer lost (connection dropped after Meta stored it): one message, the bubble ends as sent', async ({ inbox, admin }) => {
  await admin.fault({ match: '/messages', method: 'POST', kind: 'processed_drop' });
  const text = 'Dropped answer: see you Saturday';
  await typeAndSend(inbox, text);
  await expectSentOnce(inbox, admin, LABEL, text);
  expect(await sendCallsWith(admin, text)).toHaveLength(1);
});

test('send held 25 s by Meta (past the 15 s timeout) and then stored: one message, “Checking…” meanwhile', async ({ inbox, admin }) => {
  await admin.fault({ match: '/messages', method: 'POST', kind: 'hold', latencyMs: 25_000 });
  const text = 'Held reply: we open at 8';
  await typeAndSend(inbox, text);
  // After the client gives up (15 s) the outcome is unknown, and the bubble says so in plain words.
  await expect(bubble(inbox, text)).toContainText('Checking whether it was sent', { timeout: 25_000 });
  await expect(bubble(inbox, text).getByRole('button', { name: 'Retry' })).toHaveCount(0);
  await expectSentOnce(inbox, admin, LABEL, text, { timeout: 90_000 });
  expect(await sendCallsWith(admin, text)).toHaveLength(1);
});

test('5xx on a send Meta already stored: not duplicated, no Retry, ends as sent', async ({ inbox, admin }) => {
  await admin.fault({ match: '/messages', method: 'POST', kind: 'processed_status', status: 500 });
  const text = '5xx reply: the beans ship Monday';
  await typeAndSend(inbox, text);
  await expectSentOnce(inbox, admin, LABEL, text);
  expect(await sendCallsWith(admin, text)).toHaveLength(1);
});

test('code 1 / 1357046 (invalid JSON reply) on a send Meta stored: not duplicated', async ({ inbox, admin }) => {
  await admin.fault({ match: '/messages', method: 'POST', kind: 'processed_status', status: 500, code: 1 });
  const text = 'Invalid JSON reply: thanks for the order';
  await typeAndSend(inbox, text);
  await expectSentOnce(inbox, admin, LABEL, text);
  expect(await sendCallsWith(admin, text)).toHaveLength(1);
});

test('reconcile reads rate-limited and 500 while the outcome is unknown: still one message in the end', async ({ inbox, admin }) => {
  await admin.fault({ match: '/messages', method: 'POST', kind: 'processed_drop' });
  // Every read fails with 500 from the moment the answer is lost…
  await admin.fault({ match: '/', method: 'GET', kind: 'status', status: 500, times: 0 });
  const text = 'Reconcile under fire: pickup at noon';
  await typeAndSend(inbox, text);
  const b = bubble(inbox, text);
  await expect(b).toContainText('Checking whether it was sent', { timeout: 20_000 });
  await inbox.page.waitForTimeout(5_000);
  // …a failed reconcile read leaves it unknown: no Retry, no second copy.
  await expect(b).toContainText('Checking whether it was sent');
  await expect(b.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  // Then the reads are rate-limited for a while.
  await admin.clearFaults();
  await admin.fault({ match: '/', method: 'GET', kind: 'rate_limit', code: 80002, times: 0 });
  await inbox.page.waitForTimeout(5_000);
  await expect(b.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  expect(await storedCount(admin, 'lumencoffee', LABEL, text)).toBe(1);
  await admin.clearFaults();
  await expectSentOnce(inbox, admin, LABEL, text, { timeout: 90_000 });
  expect(await sendCallsWith(admin, text)).toHaveLength(1);
});

test('a send that never reached Meta: Retry only after the thread proves it absent, then exactly once', async ({ inbox, admin }) => {
  // 15 s client timeout, then the outbox's grace period (90 s) for a slow Meta.
  test.setTimeout(240_000);
  // The request hangs without being processed until the client gives up.
  await admin.fault({ match: '/messages', method: 'POST', kind: 'timeout' });
  const text = 'Never arrived: can you call me?';
  await typeAndSend(inbox, text);
  const b = bubble(inbox, text);
  await expect(b).toContainText('Checking whether it was sent', { timeout: 25_000 });
  await expect(b.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  await expect(b.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  // Proven absent (after the grace period for a slow Meta): the person decides.
  await expect(b.getByRole('button', { name: 'Retry' })).toBeVisible({ timeout: 150_000 });
  expect(await storedCount(admin, 'lumencoffee', LABEL, text)).toBe(0);
  await b.getByRole('button', { name: 'Retry' }).click();
  await expectSentOnce(inbox, admin, LABEL, text);
  expect((await sendCallsWith(admin, text)).filter((r) => r.status === 200)).toHaveLength(1);
});
