import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import {
  deleteAccountData,
  getDB,
  listConversations,
  listConversationsPage,
  listMessages,
  listMessagesPage,
  listMessagesSince,
  putAccount,
  resetDBHandle,
  updateSyncState,
} from '@/lib/db';
import { DB_NAME, DB_VERSION } from '@/lib/db/schema';
import { account, conversation, message } from '../../support/factories';

describe('db', () => {
  it('creates every store and index on first open', async () => {
    const db = await getDB();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual([
      'accounts',
      'conversations',
      'desk',
      'drafts',
      'labels',
      'messages',
      'notes',
      'opened',
      'outbox',
      'profiles',
      'syncState',
      'uploads',
    ]);
    const tx = db.transaction(['conversations', 'messages']);
    expect([...tx.objectStore('conversations').indexNames]).toEqual(['by-account-updated']);
    expect([...tx.objectStore('messages').indexNames]).toEqual(['by-conversation-time']);
  });

  it('keeps its data when the database is opened again', async () => {
    await putAccount(account());
    (await getDB()).close();
    resetDBHandle();
    const reopened = await openDB(DB_NAME);
    expect(reopened.version).toBe(DB_VERSION);
    expect(await reopened.getAllKeys('accounts')).toEqual(['ig1']);
    reopened.close();
  });

  it('upgrades a version 1 database and fills in the reply-window fields from cached messages', async () => {
    const v1 = await openDB(DB_NAME, 1, {
      upgrade(db) {
        db.createObjectStore('accounts', { keyPath: 'id' });
        db.createObjectStore('conversations', { keyPath: 'id' }).createIndex('by-account-updated', ['accountId', 'updatedTime']);
        db.createObjectStore('messages', { keyPath: 'id' }).createIndex('by-conversation-time', ['conversationId', 'createdTime']);
        db.createObjectStore('syncState', { keyPath: 'accountId' });
      },
    });
    const { lastInboundTime: _a, lastReplyTime: _b, windowClosedAt: _c, ...oldConversation } = conversation();
    await v1.put('conversations', oldConversation);
    const { sentVia: _d, ...inbound } = message({ id: 'm1', createdTime: 10 });
    const { sentVia: _e, ...reply } = message({ id: 'm2', createdTime: 20, isOwn: true, fromId: 'ig1' });
    await v1.put('messages', inbound);
    await v1.put('messages', reply);
    v1.close();

    const db = await getDB();
    expect(db.version).toBe(DB_VERSION);
    expect(await db.get('conversations', 'c1')).toMatchObject({ lastInboundTime: 10, lastReplyTime: 20, windowClosedAt: null });
    expect((await db.get('messages', 'm2'))?.sentVia).toBeNull();
    expect(await db.getAll('profiles')).toEqual([]);
  });

  it('lists conversations newest first and messages oldest first', async () => {
    const db = await getDB();
    await db.put('conversations', conversation({ id: 'c1', updatedTime: 100 }));
    await db.put('conversations', conversation({ id: 'c2', updatedTime: 300 }));
    await db.put('conversations', conversation({ id: 'other', accountId: 'ig2', updatedTime: 200 }));
    await db.put('messages', message({ id: 'm2', createdTime: 20 }));
    await db.put('messages', message({ id: 'm1', createdTime: 10 }));
    expect((await listConversations('ig1')).map((c) => c.id)).toEqual(['c2', 'c1']);
    expect((await listMessages('c1')).map((m) => m.id)).toEqual(['m1', 'm2']);
  });

  it('reads a thread a page at a time, newest first, without skipping messages of the same second', async () => {
    const db = await getDB();
    // 0..9 at times 0,10,...,90, plus m5b sharing m5's second; another conversation in between.
    for (let i = 0; i < 10; i++) await db.put('messages', message({ id: `m${i}`, createdTime: i * 10 }));
    await db.put('messages', message({ id: 'm5b', createdTime: 50 }));
    await db.put('messages', message({ id: 'x1', conversationId: 'c0', createdTime: 55 }));
    await db.put('messages', message({ id: 'x2', conversationId: 'c2', createdTime: 45 }));
    const ids = (ms: Array<{ id: string }>) => ms.map((m) => m.id);

    expect(ids(await listMessagesPage('c1', { limit: 3 }))).toEqual(['m9', 'm8', 'm7']);
    expect(ids(await listMessagesPage('c1', { before: 60, limit: 2 }))).toEqual(['m6', 'm5b', 'm5']);
    expect(ids(await listMessagesPage('c1', { before: 50, limit: 1 }))).toEqual(['m5b', 'm5']);
    expect(ids(await listMessagesPage('c1', { before: 15, limit: 5 }))).toEqual(['m1', 'm0']);
    expect(ids(await listMessagesPage('c1', { before: -1, limit: 5 }))).toEqual([]);
    expect(ids(await listMessagesPage('c1', { limit: 0 }))).toEqual([]);

    expect(ids(await listMessagesSince('c1', 80))).toEqual(['m8', 'm9']);
    expect(ids(await listMessagesSince('c1', 40, 3))).toEqual(['m4', 'm5', 'm5b']);
  });

  it('reads a whole account in pages, in the order one read gives, rows of the same time at a page end included', async () => {
    const db = await getDB();
    // Times 0,0,0,10,10,20,…: pages of 2 end amid rows of the same time; one time fills a whole page.
    const times = [0, 0, 0, 10, 10, 20, 30, 30, 40];
    for (const [i, updatedTime] of times.entries()) await db.put('conversations', conversation({ id: `c${i}`, updatedTime }));
    await db.put('conversations', conversation({ id: 'other', accountId: 'ig2', updatedTime: 15 }));
    const whole = (await listConversations('ig1', { pageSize: 10_000 })).map((c) => c.id);
    expect(whole).toHaveLength(times.length);
    for (const pageSize of [1, 2, 3, 4]) {
      expect((await listConversations('ig1', { pageSize })).map((c) => c.id)).toEqual(whole);
      const paced = await listConversations('ig1', { pageSize, pace: async () => 'quiet' as const });
      expect(paced.map((c) => c.id)).toEqual(whole);
    }
    expect(whole.slice(0, 3)).toEqual(['c8', 'c7', 'c6']);
    expect(await listConversations('ig3', { pageSize: 2 })).toEqual([]);
  });

  it('reads a whole account with pauses between pages, each row once even when it changed during a pause', async () => {
    const db = await getDB();
    for (let i = 0; i < 6; i++) await db.put('conversations', conversation({ id: `c${i}`, updatedTime: i * 10 }));
    let pauses = 0;
    const list = await listConversations('ig1', {
      pageSize: 2,
      pace: async () => {
        pauses += 1;
        // After the first page (c0, c1): c0 gets a new message, and a new conversation arrives.
        if (pauses === 2) {
          await db.put('conversations', conversation({ id: 'c0', updatedTime: 100, participant: { id: 'u0', username: 'moved' } }));
          await db.put('conversations', conversation({ id: 'new', updatedTime: 90 }));
        }
        return 'quiet' as const;
      },
    });
    expect(pauses).toBeGreaterThan(2);
    expect(list.map((c) => c.id)).toEqual(['c0', 'new', 'c5', 'c4', 'c3', 'c2', 'c1']);
    expect(list[0]?.participant.username).toBe('moved');
  });

  it('reads the newest conversations of one account for the first paint', async () => {
    const db = await getDB();
    for (let i = 0; i < 6; i++) await db.put('conversations', conversation({ id: `c${i}`, updatedTime: i * 100 }));
    await db.put('conversations', conversation({ id: 'other', accountId: 'ig2', updatedTime: 9999 }));
    expect((await listConversationsPage('ig1', 4)).map((c) => c.id)).toEqual(['c5', 'c4', 'c3', 'c2']);
    expect((await listConversationsPage('ig1', 40)).map((c) => c.id)).toEqual(['c5', 'c4', 'c3', 'c2', 'c1', 'c0']);
    expect(await listConversationsPage('ig3', 4)).toEqual([]);
  });

  it('deletes one account’s data and nothing else', async () => {
    const db = await getDB();
    await putAccount(account({ id: 'ig1' }));
    await putAccount(account({ id: 'ig2' }));
    await db.put('conversations', conversation({ id: 'c1' }));
    await db.put('conversations', conversation({ id: 'c9', accountId: 'ig2' }));
    await db.put('messages', message({ id: 'm1' }));
    await db.put('messages', message({ id: 'm9', conversationId: 'c9', accountId: 'ig2' }));
    await updateSyncState('ig1', { watermark: 5 });
    await deleteAccountData('ig1');
    expect(await db.getAllKeys('accounts')).toEqual(['ig2']);
    expect(await db.getAllKeys('conversations')).toEqual(['c9']);
    expect(await db.getAllKeys('messages')).toEqual(['m9']);
    expect(await db.get('syncState', 'ig1')).toBeUndefined();
  });
});
