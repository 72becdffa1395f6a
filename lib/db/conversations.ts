/** Cached conversations (the inbox rows), newest first per account. */
import { getDB } from './desk-db';
import { newestFirst } from './range';
import type { Conversation } from './schema';

export async function listConversations(accountId: string): Promise<Conversation[]> {
  const db = await getDB();
  const range = IDBKeyRange.bound([accountId, -Infinity], [accountId, Infinity]);
  const rows = await db.getAllFromIndex('conversations', 'by-account-updated', range);
  return rows.reverse();
}

/** The newest conversations of an account (for the first paint), newest first. */
export async function listConversationsPage(accountId: string, limit: number): Promise<Conversation[]> {
  const index = (await getDB()).transaction('conversations').store.index('by-account-updated');
  return newestFirst(index, [accountId, -Infinity], [accountId, Infinity], limit);
}

export async function listAllConversations(): Promise<Conversation[]> {
  return (await getDB()).getAll('conversations');
}

export async function getConversation(id: string): Promise<Conversation | undefined> {
  return (await getDB()).get('conversations', id);
}

export async function getConversations(ids: string[]): Promise<Conversation[]> {
  const db = await getDB();
  const rows = await Promise.all(ids.map((id) => db.get('conversations', id)));
  return rows.filter((c): c is Conversation => c !== undefined);
}
