/**
 * A database written by the release before the desk (version 3) opens in this one with every
 * record kept, and the desk's stores ready: nobody loses a cached message, a draft or a reply on
 * its way because DM Desk was updated.
 */
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { getDB, getDeskStates, listConversations, listLabels, listMessages, listNotes, getDraft } from '@/lib/db';
import { DB_NAME, DB_VERSION } from '@/lib/db/schema';
import { account, conversation, message, outboxItem } from '../../support/factories';

/** The stores and indexes exactly as version 3 created them. */
async function writeVersion3Database(): Promise<void> {
  const v3 = await openDB(DB_NAME, 3, {
    upgrade(db) {
      db.createObjectStore('accounts', { keyPath: 'id' });
      db.createObjectStore('conversations', { keyPath: 'id' }).createIndex('by-account-updated', ['accountId', 'updatedTime']);
      db.createObjectStore('messages', { keyPath: 'id' }).createIndex('by-conversation-time', ['conversationId', 'createdTime']);
      db.createObjectStore('syncState', { keyPath: 'accountId' });
      db.createObjectStore('profiles', { keyPath: 'id' });
      db.createObjectStore('uploads', { keyPath: 'id' }).createIndex('by-conversation', 'conversationId');
      const outbox = db.createObjectStore('outbox', { keyPath: 'id' });
      outbox.createIndex('by-conversation', 'conversationId');
      outbox.createIndex('by-state', 'state');
      db.createObjectStore('drafts', { keyPath: 'conversationId' });
      db.createObjectStore('opened', { keyPath: 'conversationId' });
    },
  });
  // Records as version 3 wrote them: a conversation row has no contact name yet.
  const { name: _name, ...participant } = conversation().participant;
  await v3.put('accounts', account());
  await v3.put('conversations', { ...conversation({ id: 'c1', updatedTime: 200 }), participant });
  await v3.put('conversations', conversation({ id: 'c2', updatedTime: 100 }));
  await v3.put('messages', message({ id: 'm1', conversationId: 'c1', createdTime: 10, text: 'Do you ship to Porto?' }));
  await v3.put('drafts', { conversationId: 'c1', accountId: 'ig1', text: 'Yes, we', updatedAt: 5 });
  await v3.put('outbox', outboxItem({ id: 'o1', conversationId: 'c1', state: 'unknown' }));
  await v3.put('opened', { conversationId: 'c1', accountId: 'ig1', openedAt: 20 });
  v3.close();
}

describe('upgrading from the release before the desk', () => {
  it('keeps every record and adds empty desk, label and note stores', async () => {
    await writeVersion3Database();

    const db = await getDB();
    expect(db.version).toBe(DB_VERSION);
    expect((await listConversations('ig1')).map((c) => c.id)).toEqual(['c1', 'c2']);
    expect((await listMessages('c1')).map((m) => m.text)).toEqual(['Do you ship to Porto?']);
    expect(await getDraft('c1')).toMatchObject({ text: 'Yes, we' });
    expect(await db.get('outbox', 'o1')).toMatchObject({ state: 'unknown' });
    expect(await db.get('opened', 'c1')).toMatchObject({ openedAt: 20 });
    // Every conversation starts open, unlabelled, with no notes.
    expect(await getDeskStates('ig1')).toEqual([]);
    expect(await listLabels()).toEqual([]);
    expect(await listNotes('ig1', 'u1')).toEqual([]);
  });

  it('can write desk records, labels and notes right after the upgrade', async () => {
    await writeVersion3Database();
    const db = await getDB();
    await db.put('labels', { id: 'l1', name: 'Wholesale', color: 'teal', order: 0, createdAt: 1 });
    await db.put('desk', {
      conversationId: 'c1',
      accountId: 'ig1',
      doneAt: 30,
      snooze: null,
      returned: null,
      pinnedAt: null,
      markedUnreadAt: null,
      labelIds: ['l1'],
      updatedAt: 30,
    });
    await db.put('notes', { id: 'n1', accountId: 'ig1', contactId: 'u1', conversationId: 'c1', text: 'VIP', createdAt: 1, updatedAt: 1 });
    expect((await getDeskStates('ig1')).map((d) => d.labelIds)).toEqual([['l1']]);
    expect((await listNotes('ig1', 'u1')).map((n) => n.text)).toEqual(['VIP']);
  });
});
