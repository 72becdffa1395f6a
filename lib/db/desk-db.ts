/**
 * The app's database, 'dm-desk': opening it and upgrading it from whatever version the browser
 * has. Only lib/db reads and writes it; everything else calls lib/db's query functions.
 */
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { connection } from './connection';
import { DB_NAME, DB_VERSION, type DeskDB, type Message } from './schema';

/** Migrations run step by step from whatever version the browser has. */
export function upgradeDeskDB(
  db: IDBPDatabase<DeskDB>,
  oldVersion: number,
  tx?: IDBPTransaction<DeskDB, StoreNames<DeskDB>[], 'versionchange'>,
): void {
  if (oldVersion < 1) {
    db.createObjectStore('accounts', { keyPath: 'id' });
    const conversations = db.createObjectStore('conversations', { keyPath: 'id' });
    conversations.createIndex('by-account-updated', ['accountId', 'updatedTime']);
    const messages = db.createObjectStore('messages', { keyPath: 'id' });
    messages.createIndex('by-conversation-time', ['conversationId', 'createdTime']);
    db.createObjectStore('syncState', { keyPath: 'accountId' });
  }
  if (oldVersion < 2) {
    db.createObjectStore('profiles', { keyPath: 'id' });
    const uploads = db.createObjectStore('uploads', { keyPath: 'id' });
    uploads.createIndex('by-conversation', 'conversationId');
    // Version 1 rows lack the reply-window fields; they are filled in from cached messages.
    if (oldVersion >= 1 && tx) void backfillV2(tx);
  }
  if (oldVersion < 3) {
    const outbox = db.createObjectStore('outbox', { keyPath: 'id' });
    outbox.createIndex('by-conversation', 'conversationId');
    outbox.createIndex('by-state', 'state');
    db.createObjectStore('drafts', { keyPath: 'conversationId' });
    db.createObjectStore('opened', { keyPath: 'conversationId' });
  }
  if (oldVersion < 4) {
    // The desk: done, snoozed, pinned and labelled conversations, labels, and notes on contacts.
    // Nothing existing changes: a conversation without a desk record is open.
    db.createObjectStore('desk', { keyPath: 'conversationId' }).createIndex('by-account', 'accountId');
    db.createObjectStore('labels', { keyPath: 'id' });
    const notes = db.createObjectStore('notes', { keyPath: 'id' });
    notes.createIndex('by-contact', ['accountId', 'contactId']);
    notes.createIndex('by-account', 'accountId');
  }
}

async function backfillV2(tx: IDBPTransaction<DeskDB, StoreNames<DeskDB>[], 'versionchange'>): Promise<void> {
  const messages = tx.objectStore('messages');
  for (let cursor = await messages.openCursor(); cursor; cursor = await cursor.continue()) {
    const m = cursor.value as Partial<Message> & Message;
    if (m.sentVia === undefined) await cursor.update({ ...m, sentVia: null });
  }
  const conversations = tx.objectStore('conversations');
  const index = messages.index('by-conversation-time');
  for (let cursor = await conversations.openCursor(); cursor; cursor = await cursor.continue()) {
    const c = cursor.value;
    if (c.lastInboundTime !== undefined) continue;
    const all = await index.getAll(IDBKeyRange.bound([c.id, -Infinity], [c.id, Infinity]));
    const inbound = all.filter((m) => !m.isOwn).pop();
    const reply = all.filter((m) => m.isOwn).pop();
    await cursor.update({
      ...c,
      lastInboundTime: inbound?.createdTime ?? null,
      lastReplyTime: reply?.createdTime ?? null,
      windowClosedAt: null,
    });
  }
}

const desk = connection<DeskDB>(DB_NAME, DB_VERSION, (db, oldVersion, _newVersion, tx) => upgradeDeskDB(db, oldVersion, tx));

/**
 * The open database, for lib/db's own query files and for the background's writers. UI code
 * never calls this: it reads through lib/db's query functions (see the import-boundary test).
 */
export function getDB(): Promise<IDBPDatabase<DeskDB>> {
  return desk.get();
}

/** For tests: forget the open handle so the next call opens a fresh database. */
export function resetDBHandle(): void {
  desk.reset();
}
