/**
 * The background's writes to the conversation and message cache that must happen in one
 * transaction: a page merged from Meta, an imported archive, a reply DM Desk just sent, a
 * reaction, a window Meta reported closed (and the single-message read they start from).
 * The rules that decide what is written live with their callers (lib/sync/merge.ts,
 * lib/archive/merge.ts); this file only holds the transactions, so their boundaries stay in one place.
 */
import type { Conversation, Message } from './schema';
import { getDB } from './index';

/** The reads and writes available inside one readwrite transaction over conversations and messages. */
export interface CacheWriter {
  getConversation(id: string): Promise<Conversation | undefined>;
  putConversation(conversation: Conversation): Promise<void>;
  getMessage(id: string): Promise<Message | undefined>;
  putMessage(message: Message): Promise<void>;
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
    messagesSince: (conversationId, since) =>
      msgStore.index('by-conversation-time').getAll(IDBKeyRange.bound([conversationId, since], [conversationId, Infinity])),
  };
  const result = await work(writer);
  await tx.done;
  return result;
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
