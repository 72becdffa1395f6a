/** Cached conversations (the inbox rows), newest first per account. */
import { getDB } from './desk-db';
import { newestFirst } from './range';
import type { StoreValue } from 'idb';
import type { Conversation, DeskDB } from './schema';

/**
 * Rows read per request when reading a whole account: each answer is turned into objects in one
 * go on the page's thread, and 100,000 rows in one answer held the side panel for most of a
 * second (a click on a row waited for it); in pages, other work runs in between.
 */
export const LIST_PAGE = 5000;

/** Every conversation of an account, newest first (read in pages, in one transaction). */
export async function listConversations(accountId: string, pageSize = LIST_PAGE): Promise<Conversation[]> {
  const index = (await getDB()).transaction('conversations').store.index('by-account-updated');
  const rows: Conversation[] = [];
  let range = IDBKeyRange.bound([accountId, -Infinity], [accountId, Infinity]);
  for (;;) {
    const page = await index.getAll(range, pageSize);
    const last = page.at(-1)?.updatedTime;
    if (page.length < pageSize || last === undefined) {
      rows.push(...page);
      return rows.reverse();
    }
    // The page may end amid rows of the same time: those are read together, then the next page
    // starts after that time.
    const tied = await index.getAll(IDBKeyRange.only([accountId, last]));
    for (const c of page) if (c.updatedTime !== last) rows.push(c);
    rows.push(...tied);
    range = IDBKeyRange.bound([accountId, last], [accountId, Infinity], true);
  }
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

export function getConversations(ids: string[]): Promise<Conversation[]> {
  return getMany('conversations', ids);
}

/** The records of these keys in a store keyed by conversation id (keys without one are left out). */
export async function getMany<S extends 'conversations' | 'opened' | 'desk'>(
  store: S,
  ids: string[],
): Promise<Array<StoreValue<DeskDB, S>>> {
  const db = await getDB();
  const rows: Array<StoreValue<DeskDB, S> | undefined> = await Promise.all(ids.map((id) => db.get(store, id)));
  return rows.filter((r): r is StoreValue<DeskDB, S> => r !== undefined);
}
