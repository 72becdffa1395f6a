/**
 * What the fault-matrix tests share: what reached the emulator (stored messages, the request log),
 * what the extension holds (its IndexedDB, read from an extension page) and how a reply is sent.
 */
import type { Page, Worker } from '@playwright/test';
import { expect } from '../e2e/fixtures';
import type { EmulatorAdmin, LoggedRequest } from '../e2e/pages/emulator-admin';
import type { InboxPage } from '../e2e/pages/inbox-page';

export const LUMEN_PAGE = '196286525693883';
export const LUMEN_IG = '17841045117986554';
export const ATELIER_PAGE = '191423636225984';
export const ATELIER_IG = '17841015812558965';

/** Stored texts of one seeded conversation at the emulator ("Meta"). */
export async function storedTexts(admin: EmulatorAdmin, account: string, label: string): Promise<string[]> {
  const conv = (await admin.conversations(account)).find((c) => c.label === label);
  if (!conv) throw new Error(`no conversation labelled ${label}`);
  return ((await admin.messages(account, conv.id)) as Array<{ text: string }>).map((m) => m.text);
}

/** How many times `text` is stored at Meta in that conversation. */
export async function storedCount(admin: EmulatorAdmin, account: string, label: string, text: string): Promise<number> {
  return (await storedTexts(admin, account, label)).filter((t) => t === text).length;
}

/** Send calls (`POST …/messages`) whose message carried `text`, as the emulator logged them. */
export async function sendCallsWith(admin: EmulatorAdmin, text: string): Promise<LoggedRequest[]> {
  return (await admin.requests()).filter(
    (r) => r.method === 'POST' && r.path.endsWith('/messages') && (r.query.message ?? '').includes(text),
  );
}

/** Graph calls made for one Page (its token), optionally only reads. */
export async function callsFor(admin: EmulatorAdmin, pageId: string): Promise<LoggedRequest[]> {
  return (await admin.requests()).filter((r) => r.pageId === pageId);
}

/**
 * Sync as often as DM Desk ever does: the Real time preset, which with the inbox open and in view
 * (as in these tests) checks every 10 seconds.
 */
export async function syncOften(worker: Worker): Promise<void> {
  await worker.evaluate(() => chrome.storage.local.set({ 'settings.syncPreset': 'realtime', 'sync.paused': false }));
}

/** A fresh customer message in a seeded conversation, so its 24 h reply window is open. */
export async function openWindow(admin: EmulatorAdmin, account: string, label: string, text = 'Are you there?'): Promise<string> {
  const conv = (await admin.conversations(account)).find((c) => c.label === label);
  if (!conv) throw new Error(`no conversation labelled ${label}`);
  await admin.inbound({ account, from: conv.customer.id, text });
  return conv.id;
}

/** Types a reply in the open thread and sends it with the Send button. */
export async function typeAndSend(inbox: InboxPage, text: string): Promise<void> {
  await inbox.messageBox.fill(text);
  await inbox.sendButton.click();
  await expect(inbox.messageBox).toHaveValue('');
}

/** The reply's bubble(s) in the open thread. */
export function bubble(inbox: InboxPage, text: string) {
  return inbox.messages.filter({ hasText: text });
}

/**
 * The reply ends as one sent message: once at Meta, one bubble that is neither pending, unknown nor
 * failed, and it stays that way (no late second copy).
 */
export async function expectSentOnce(
  inbox: InboxPage,
  admin: EmulatorAdmin,
  label: string,
  text: string,
  opts: { timeout?: number; account?: string } = {},
): Promise<void> {
  const account = opts.account ?? 'lumencoffee';
  const timeout = opts.timeout ?? 60_000;
  await expect.poll(() => storedCount(admin, account, label, text), { timeout }).toBe(1);
  const b = bubble(inbox, text);
  // One bubble in the end, neither pending nor unknown. (A sync may bring the stored message a
  // moment before the outbox has matched its send: both show for that one check's round trip.)
  await expect
    .poll(async () => ((await b.count()) === 1 ? await b.innerText() : `${await b.count()} bubbles`), { timeout })
    .not.toMatch(/Sending…|Checking whether it was sent|bubbles$/);
  await expect(b.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  await expect(b).toContainText('Sent', { timeout });
  // Nothing sends it again later.
  await inbox.page.waitForTimeout(3_000);
  expect(await storedCount(admin, account, label, text)).toBe(1);
  await expect(b).toHaveCount(1);
}

/** Every record of a store of the extension's database, read from an extension page. */
export async function extensionRecords<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('dm-desk');
        open.onerror = () => reject(open.error ?? new Error('cannot open dm-desk'));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(name)) {
            db.close();
            resolve([]);
            return;
          }
          const req = db.transaction(name, 'readonly').objectStore(name).getAll();
          req.onsuccess = () => {
            db.close();
            resolve(req.result as T[]);
          };
          req.onerror = () => reject(req.error ?? new Error(`cannot read ${name}`));
        };
      }),
    store,
  );
}

/** Messages the extension stored for a conversation (by Meta conversation id). */
export async function extensionMessages(page: Page, conversationId: string): Promise<Array<{ id: string; text: string }>> {
  const all = await extensionRecords<{ id: string; text: string; conversationId: string }>(page, 'messages');
  return all.filter((m) => m.conversationId === conversationId);
}

/** Text replies the extension still holds in its outbox, with their state. */
export async function outboxItems(page: Page): Promise<Array<{ id: string; text: string; state: string }>> {
  return extensionRecords(page, 'outbox');
}
