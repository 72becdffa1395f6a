import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { deleteAccountData, getDB, resetDBHandle, listConversations, listMessages, putAccount, updateSyncState } from '@/lib/db';
import { DB_NAME, DB_VERSION } from '@/lib/db/schema';
import { account, conversation, message } from '../../support/factories';

describe('db', () => {
  it('creates every store and index on first open', async () => {
    const db = await getDB();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual([
      'accounts',
      'conversations',
      'drafts',
      'messages',
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
