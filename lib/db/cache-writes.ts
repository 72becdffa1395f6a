/**
 * The background's writes to the conversation and message cache that must happen in one
 * transaction: a page merged from Meta, an imported archive, a reply DM Desk just sent, a
 * reaction, a window Meta reported closed (and the single-message read they start from).
 * The rules that decide what is written live with their callers (lib/sync/merge.ts,
 * lib/archive/merge.ts); this file only holds the transactions, so their boundaries stay in one place.
 */
import { unwrap } from 'idb';
import type { Conversation, Message } from './schema';
import { getDB } from './index';

/** Ids per key-range read of `storedIds`. */
const KEY_CHUNK = 2000;

/** The reads and writes available inside one readwrite transaction over conversations and messages. */
export interface CacheWriter {
  getConversation(id: string): Promise<Conversation | undefined>;
  putConversation(conversation: Conversation): Promise<void>;
  getMessage(id: string): Promise<Message | undefined>;
  putMessage(message: Message): Promise<void>;
  /**
   * Writes many messages (or rows) without a promise per record: resolves once the last is
   * written. A failed write aborts the transaction, and `withCacheWrite` rejects.
   */
  putMessages(messages: Message[]): Promise<void>;
  putConversations(conversations: Conversation[]): Promise<void>;
  /** Which of these ids are stored (a few key-range reads instead of one read per id). */
  storedIds(store: 'conversations' | 'messages', ids: string[]): Promise<Set<string>>;
  /** A conversation's cached messages sent at `since` or later, oldest first. */
  messagesSince(conversationId: string, since: number): Promise<Message[]>;
}

/**
 * Runs `work` in a single readwrite transaction over conversations and messages and resolves once
 * it is committed. `work` must only await the writer's calls (any other wait ends the transaction).
 */
export async function withCacheWrite<T>(work: (writer: CacheWriter) => Promise<T>): Promise<T> {
  const db = await getDB();
  const tx = db.transaction(['conversations', 'messages'], 'readwrite');
  const convStore = tx.objectStore('conversations');
  const msgStore = tx.objectStore('messages');
  const writer: CacheWriter = {
    getConversation: (id) => convStore.get(id),
    putConversation: async (conversation) => {
      await convStore.put(conversation);
    },
    getMessage: (id) => msgStore.get(id),
    putMessage: async (message) => {
      await msgStore.put(message);
    },
    putMessages: (messages) => putAll(msgStore, messages),
    putConversations: (conversations) => putAll(convStore, conversations),
    storedIds: (store, ids) => storedIds(store === 'messages' ? msgStore : convStore, ids),
    messagesSince: (conversationId, since) =>
      msgStore.index('by-conversation-time').getAll(IDBKeyRange.bound([conversationId, since], [conversationId, Infinity])),
  };
  let result: T;
  try {
    result = await work(writer);
  } catch (e) {
    // Nothing of a failed write stays (the requests made so far would otherwise commit).
    try {
      tx.abort();
    } catch {
      // Aborted already (a failed request aborts its transaction).
    }
    tx.done.catch(() => undefined);
    throw e;
  }
  await tx.done;
  return result;
}

/** Puts `records`, waiting only for the last request (requests of a transaction complete in order). */
async function putAll<T>(store: { put(value: T): Promise<unknown> }, records: T[]): Promise<void> {
  if (records.length === 0) return;
  const raw = unwrap(store as never) as unknown as IDBObjectStore;
  for (let i = 0; i < records.length - 1; i++) raw.put(records[i]);
  await store.put(records[records.length - 1]!);
}

/**
 * The ids among `ids` that are stored: the sorted ids in chunks, each chunk's key range read as
 * keys only. A range holding many other keys (ids spread between stored ones) is read id by id.
 */
async function storedIds(
  store: { getAllKeys(range: IDBKeyRange, count: number): Promise<IDBValidKey[]>; count(key: string): Promise<number> },
  ids: string[],
): Promise<Set<string>> {
  const sorted = [...new Set(ids)].sort();
  const chunks: string[][] = [];
  for (let i = 0; i < sorted.length; i += KEY_CHUNK) chunks.push(sorted.slice(i, i + KEY_CHUNK));
  const found = new Set<string>();
  await Promise.all(
    chunks.map(async (chunk) => {
      const limit = chunk.length * 4;
      const keys = await store.getAllKeys(IDBKeyRange.bound(chunk[0]!, chunk[chunk.length - 1]!), limit);
      if (keys.length < limit) {
        const wanted = new Set(chunk);
        for (const k of keys) if (typeof k === 'string' && wanted.has(k)) found.add(k);
        return;
      }
      const counts = await Promise.all(chunk.map((id) => store.count(id)));
      chunk.forEach((id, i) => counts[i]! > 0 && found.add(id));
    }),
  );
  return found;
}

/** One cached message, or undefined. */
export async function getMessage(id: string): Promise<Message | undefined> {
  return (await getDB()).get('messages', id);
}

/** Applies a change to one cached message (e.g. a reaction) and returns the new version. */
export async function updateMessage(id: string, change: (m: Message) => Message): Promise<Message | null> {
  const db = await getDB();
  const tx = db.transaction('messages', 'readwrite');
  const current = await tx.store.get(id);
  if (!current) {
    await tx.done;
    return null;
  }
  const next = change(current);
  await tx.store.put(next);
  await tx.done;
  return next;
}

/** Remembers that Meta refused a reply as outside the window. */
export async function markWindowClosed(conversationId: string): Promise<void> {
  const db = await getDB();
  const tx = db.transaction('conversations', 'readwrite');
  const conv = await tx.store.get(conversationId);
  if (conv) await tx.store.put({ ...conv, windowClosedAt: conv.lastInboundTime ?? 0 });
  await tx.done;
}
