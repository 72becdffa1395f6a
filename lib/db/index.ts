/**
 * The local cache. UI pages read it directly; only the background writes what came from Meta.
 * Merges are keyed by Meta's ids and never delete a message Meta stopped serving.
 */
import { openDB, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import {
  DB_NAME,
  DB_VERSION,
  type Account,
  type Conversation,
  type DeskDB,
  type Draft,
  type OpenedState,
  type OutboxItem,
  type Message,
  type PendingUpload,
  type Profile,
  type SyncState,
} from './schema';

export type * from './schema';

let dbPromise: Promise<IDBPDatabase<DeskDB>> | null = null;

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

export function openDeskDB(name = DB_NAME): Promise<IDBPDatabase<DeskDB>> {
  return openDB<DeskDB>(name, DB_VERSION, {
    upgrade: (db, oldVersion, _newVersion, tx) => upgradeDeskDB(db, oldVersion, tx),
  });
}

export function getDB(): Promise<IDBPDatabase<DeskDB>> {
  dbPromise ??= openDeskDB();
  return dbPromise;
}

/** For tests: forget the open handle so the next call opens a fresh database. */
export function resetDBHandle(): void {
  dbPromise = null;
}

export async function listAccounts(): Promise<Account[]> {
  const all = await (await getDB()).getAll('accounts');
  return all.sort((a, b) => a.order - b.order);
}

export async function getAccount(id: string): Promise<Account | undefined> {
  return (await getDB()).get('accounts', id);
}

export async function putAccount(account: Account): Promise<void> {
  await (await getDB()).put('accounts', account);
}

export async function listConversations(accountId: string): Promise<Conversation[]> {
  const db = await getDB();
  const range = IDBKeyRange.bound([accountId, -Infinity], [accountId, Infinity]);
  const rows = await db.getAllFromIndex('conversations', 'by-account-updated', range);
  return rows.reverse();
}

export async function getConversation(id: string): Promise<Conversation | undefined> {
  return (await getDB()).get('conversations', id);
}

/** The whole cached history of a conversation, oldest first. */
export async function listMessages(conversationId: string): Promise<Message[]> {
  const db = await getDB();
  const range = IDBKeyRange.bound([conversationId, -Infinity], [conversationId, Infinity]);
  return db.getAllFromIndex('messages', 'by-conversation-time', range);
}

export async function getSyncState(accountId: string): Promise<SyncState | undefined> {
  return (await getDB()).get('syncState', accountId);
}

export async function putSyncState(state: SyncState): Promise<void> {
  await (await getDB()).put('syncState', state);
}

export async function updateSyncState(accountId: string, patch: Partial<Omit<SyncState, 'accountId'>>): Promise<SyncState> {
  const db = await getDB();
  const tx = db.transaction('syncState', 'readwrite');
  const current: SyncState = (await tx.store.get(accountId)) ?? {
    accountId,
    watermark: 0,
    lastSyncedAt: null,
    running: false,
    error: null,
  };
  const next = { ...current, ...patch };
  await tx.store.put(next);
  await tx.done;
  return next;
}

/**
 * Removes an account and everything stored for it, in one transaction over every store: a store
 * added later is cleared too, as long as its records carry the `accountId` field. Messages, the
 * one large store, are found through their conversations' index instead of being read one by one.
 */
export async function deleteAccountData(accountId: string): Promise<void> {
  const db = await getDB();
  const stores = [...db.objectStoreNames];
  const tx = db.transaction(stores, 'readwrite');
  const conversationIds = new Set<string>();
  await tx.objectStore('accounts').delete(accountId);
  for (const name of stores) {
    if (name === 'messages' || name === 'accounts') continue;
    const store = tx.objectStore(name);
    for (let cursor = await store.openCursor(); cursor; cursor = await cursor.continue()) {
      const value: unknown = cursor.value;
      if (!isRecord(value) || value.accountId !== accountId) continue;
      if (typeof value.conversationId === 'string') conversationIds.add(value.conversationId);
      if (name === 'conversations' && typeof value.id === 'string') conversationIds.add(value.id);
      await cursor.delete();
    }
  }
  const messageIndex = tx.objectStore('messages').index('by-conversation-time');
  for (const id of conversationIds) {
    const range = IDBKeyRange.bound([id, -Infinity], [id, Infinity]);
    for (let cursor = await messageIndex.openCursor(range); cursor; cursor = await cursor.continue()) {
      if (cursor.value.accountId === accountId) await cursor.delete();
    }
  }
  await tx.done;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

export async function getProfile(id: string): Promise<Profile | undefined> {
  return (await getDB()).get('profiles', id);
}

export async function putProfile(profile: Profile): Promise<void> {
  await (await getDB()).put('profiles', profile);
}

export async function listUploads(conversationId: string): Promise<PendingUpload[]> {
  const rows = await (await getDB()).getAllFromIndex('uploads', 'by-conversation', conversationId);
  return rows.sort((a, b) => a.addedAt - b.addedAt);
}

export async function getUploads(ids: string[]): Promise<PendingUpload[]> {
  const db = await getDB();
  const rows = await Promise.all(ids.map((id) => db.get('uploads', id)));
  return rows.filter((r): r is PendingUpload => r !== undefined);
}

export async function putUpload(upload: PendingUpload): Promise<void> {
  await (await getDB()).put('uploads', upload);
}

export async function deleteUploads(ids: string[]): Promise<void> {
  const db = await getDB();
  const tx = db.transaction('uploads', 'readwrite');
  await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
}

export async function listOutbox(conversationId: string): Promise<OutboxItem[]> {
  const rows = await (await getDB()).getAllFromIndex('outbox', 'by-conversation', conversationId);
  return rows.sort((a, b) => a.createdAt - b.createdAt);
}

export async function listOutboxByState(state: OutboxItem['state']): Promise<OutboxItem[]> {
  return (await getDB()).getAllFromIndex('outbox', 'by-state', state);
}

export async function getOutboxItem(id: string): Promise<OutboxItem | undefined> {
  return (await getDB()).get('outbox', id);
}

export async function putOutboxItem(item: OutboxItem): Promise<void> {
  await (await getDB()).put('outbox', item);
}

/**
 * Writes a new version of an outbox item only while the item is still stored and its account is
 * still connected (one transaction). False when it is gone: deleted, or its account disconnected
 * while a request was under way; nothing of it is written back then.
 */
export async function replaceOutboxItem(item: OutboxItem): Promise<boolean> {
  const db = await getDB();
  const tx = db.transaction(['outbox', 'accounts'], 'readwrite');
  const [stored, account] = await Promise.all([
    tx.objectStore('outbox').getKey(item.id),
    tx.objectStore('accounts').getKey(item.accountId),
  ]);
  const live = stored !== undefined && account !== undefined;
  if (live) await tx.objectStore('outbox').put(item);
  await tx.done;
  return live;
}

export async function deleteOutboxItem(id: string): Promise<void> {
  await (await getDB()).delete('outbox', id);
}

export async function getDraft(conversationId: string): Promise<Draft | undefined> {
  return (await getDB()).get('drafts', conversationId);
}

/** Saves a draft; an empty text removes it. */
export async function saveDraft(draft: Draft): Promise<void> {
  const db = await getDB();
  if (draft.text.trim() === '') await db.delete('drafts', draft.conversationId);
  else await db.put('drafts', draft);
}

export async function getOpenedStates(): Promise<OpenedState[]> {
  return (await getDB()).getAll('opened');
}

export async function putOpenedState(state: OpenedState): Promise<void> {
  await (await getDB()).put('opened', state);
}

export async function listAllConversations(): Promise<Conversation[]> {
  return (await getDB()).getAll('conversations');
}

/**
 * A page of a conversation's history, newest first: the `limit` messages older than `before`
 * (inclusive of its time, so ties are not skipped; callers drop ids they already have).
 */
export async function listMessagesPage(conversationId: string, opts: { before?: number; limit: number }): Promise<Message[]> {
  const index = (await getDB()).transaction('messages').store.index('by-conversation-time');
  return newestInRange(index, [conversationId, -Infinity], [conversationId, opts.before ?? Infinity], opts.limit);
}

/**
 * Messages of a conversation from `since` (inclusive) on, oldest first: all of them, or the
 * oldest `limit` (one round trip either way).
 */
export async function listMessagesSince(conversationId: string, since: number, limit?: number): Promise<Message[]> {
  const db = await getDB();
  const range = IDBKeyRange.bound([conversationId, since], [conversationId, Infinity]);
  return db.getAllFromIndex('messages', 'by-conversation-time', range, limit);
}

/** The newest conversations of an account (for the first paint), newest first. */
export async function listConversationsPage(accountId: string, limit: number): Promise<Conversation[]> {
  const index = (await getDB()).transaction('conversations').store.index('by-account-updated');
  return newestInRange(index, [accountId, -Infinity], [accountId, Infinity], limit);
}

/** An index over [owner id, time] keys, as `newestInRange` reads it. */
interface TimeIndex<T> {
  openKeyCursor(
    range: IDBKeyRange,
    direction: 'prev',
  ): Promise<{ key: [string, number]; advance(n: number): Promise<{ key: [string, number] } | null> } | null>;
  getAll(range: IDBKeyRange): Promise<T[]>;
}

/**
 * The newest `limit` records between two keys of an index, newest first, in three round trips
 * to the database: a key cursor jumps `limit - 1` keys back, then one getAll reads the span.
 * (Stepping a value cursor costs one round trip per record — about 1.5 ms each in an idle page,
 * which made a 60-message page take 100 ms.) Records sharing the oldest key all come back, so a
 * page can be a little longer than `limit`; callers drop ids they already have.
 */
async function newestInRange<T>(index: TimeIndex<T>, lower: [string, number], upper: [string, number], limit: number): Promise<T[]> {
  if (limit <= 0) return [];
  const newest = await index.openKeyCursor(IDBKeyRange.bound(lower, upper), 'prev');
  if (!newest) return [];
  const oldest = limit > 1 ? await newest.advance(limit - 1) : newest;
  const rows = await index.getAll(IDBKeyRange.bound(oldest ? oldest.key : lower, upper));
  return rows.reverse();
}

export async function getMessages(ids: string[]): Promise<Message[]> {
  const db = await getDB();
  const rows = await Promise.all(ids.map((id) => db.get('messages', id)));
  return rows.filter((m): m is Message => m !== undefined);
}

export async function getConversations(ids: string[]): Promise<Conversation[]> {
  const db = await getDB();
  const rows = await Promise.all(ids.map((id) => db.get('conversations', id)));
  return rows.filter((c): c is Conversation => c !== undefined);
}
