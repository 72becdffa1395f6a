/**
 * Disconnecting deletes every record that carries the account's id, in every store. The stores
 * come from the database itself (`objectStoreNames`), and which of them carry the id is read off
 * their records, so a store added later fails this test until it has a sample record here, and
 * then fails again if `deleteAccountData` leaves that store's records behind.
 */
import type { StoreNames } from 'idb';
import { describe, expect, it } from 'vitest';
import { deleteAccountData, getDB } from '@/lib/db';
import type { DeskDB, OutboxItem } from '@/lib/db/schema';
import { account, conversation, message } from '../../support/factories';

type Sample = { [S in StoreNames<DeskDB>]: (accountId: string) => DeskDB[S]['value'] };

/** One record per store for an account, each the way the app writes it. */
const samples: Sample = {
  accounts: (a) => account({ id: a, pageId: `${a}-page`, username: a }),
  conversations: (a) => conversation({ id: `${a}-c1`, accountId: a }),
  messages: (a) => message({ id: `${a}-m1`, conversationId: `${a}-c1`, accountId: a }),
  syncState: (a) => ({ accountId: a, watermark: 5, lastSyncedAt: 5, running: false, error: null }),
  profiles: (a) => ({
    id: `${a}-u1`,
    accountId: a,
    name: null,
    username: 'maria',
    followerCount: null,
    isVerified: false,
    followsBusiness: null,
    businessFollows: null,
    status: 'ok',
    fetchedAt: 1,
  }),
  uploads: (a) => ({
    id: `${a}-up1`,
    accountId: a,
    conversationId: `${a}-c1`,
    name: 'photo.png',
    type: 'image/png',
    size: 3,
    blob: new Blob(['png']),
    addedAt: 1,
  }),
  outbox: (a) =>
    ({
      id: `${a}-o1`,
      accountId: a,
      conversationId: `${a}-c1`,
      text: 'On its way',
      uploadIds: [`${a}-up1`],
      state: 'queued',
      createdAt: 1,
      attemptedAt: null,
      attempts: 0,
      messageIds: [],
      sentParts: [],
      error: null,
    }) as OutboxItem,
  drafts: (a) => ({ conversationId: `${a}-c1`, accountId: a, text: 'half typed', updatedAt: 1 }),
  opened: (a) => ({ conversationId: `${a}-c1`, accountId: a, openedAt: 1 }),
  desk: (a) => ({
    conversationId: `${a}-c1`,
    accountId: a,
    doneAt: 1,
    snooze: null,
    returned: null,
    pinnedAt: null,
    markedUnreadAt: null,
    labelIds: ['l1'],
    updatedAt: 1,
  }),
  // Labels are shared by every account: disconnecting one keeps them.
  labels: (a) => ({ id: `${a}-l1`, name: `Topic ${a}`, color: 'blue', order: 0, createdAt: 1 }),
  notes: (a) => ({ id: `${a}-n1`, accountId: a, contactId: `${a}-u1`, conversationId: `${a}-c1`, text: 'VIP', createdAt: 1, updatedAt: 1 }),
};

const GONE = 'ig-gone';
const STAYS = 'ig-stays';

/** Whether a record belongs to the account: it carries its id, or is keyed by it. */
function carries(record: unknown, keyPath: string | string[] | null, accountId: string): boolean {
  if (typeof record !== 'object' || record === null) return false;
  const fields = record as Record<string, unknown>;
  if (fields.accountId === accountId) return true;
  return typeof keyPath === 'string' && fields[keyPath] === accountId;
}

describe('deleteAccountData', () => {
  it('leaves no record of the account in any store, and every record of another account', async () => {
    const db = await getDB();
    const stores = [...db.objectStoreNames];
    const unknown = stores.filter((name) => !(name in samples));
    expect(unknown, 'a store without a sample record here: add one to `samples`').toEqual([]);

    const checked: Array<StoreNames<DeskDB>> = [];
    for (const name of stores) {
      const sample = samples[name] as (accountId: string) => unknown;
      const store = db.transaction(name).store;
      if (!carries(sample(GONE), store.keyPath, GONE)) continue;
      checked.push(name);
      for (const accountId of [GONE, STAYS]) await db.put(name, sample(accountId) as never);
    }
    expect(checked.length, 'no store carries an account id').toBeGreaterThan(0);

    await deleteAccountData(GONE);

    const left: Record<string, number> = {};
    const kept: Record<string, number> = {};
    for (const name of checked) {
      const keyPath = db.transaction(name).store.keyPath;
      const records: unknown[] = await db.getAll(name);
      left[name] = records.filter((r) => carries(r, keyPath, GONE)).length;
      kept[name] = records.filter((r) => carries(r, keyPath, STAYS)).length;
    }
    expect(left).toEqual(Object.fromEntries(checked.map((name) => [name, 0])));
    expect(kept).toEqual(Object.fromEntries(checked.map((name) => [name, 1])));
  });

  it('finds a message through its conversation even when the conversation row is gone', async () => {
    const db = await getDB();
    await db.put('messages', samples.messages(GONE));
    await db.put('drafts', samples.drafts(GONE));
    await deleteAccountData(GONE);
    expect(await db.getAll('messages')).toEqual([]);
  });
});
