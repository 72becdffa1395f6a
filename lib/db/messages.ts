/** Cached messages of a conversation, read whole or a page at a time. */
import { getDB } from './desk-db';
import { newestPage } from './range';
import type { Message } from './schema';

/** The whole cached history of a conversation, oldest first. */
export async function listMessages(conversationId: string): Promise<Message[]> {
  const db = await getDB();
  const range = IDBKeyRange.bound([conversationId, -Infinity], [conversationId, Infinity]);
  return db.getAllFromIndex('messages', 'by-conversation-time', range);
}

/**
 * A page of a conversation's history, newest first: the `limit` messages older than `before`
 * (inclusive of its time, so ties are not skipped; callers drop ids they already have). A page
 * can be a little longer than `limit`: messages sharing its oldest time all come back.
 */
export async function listMessagesPage(conversationId: string, opts: { before?: number; limit: number }): Promise<Message[]> {
  const index = (await getDB()).transaction('messages').store.index('by-conversation-time');
  return newestPage(index, [conversationId, -Infinity], [conversationId, opts.before ?? Infinity], opts.limit);
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

export async function getMessages(ids: string[]): Promise<Message[]> {
  const db = await getDB();
  const rows = await Promise.all(ids.map((id) => db.get('messages', id)));
  return rows.filter((m): m is Message => m !== undefined);
}
