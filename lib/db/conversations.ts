/** Cached conversations (the inbox rows), newest first per account. */
import { getDB } from './desk-db';
import type { Pace } from './foreground';
import { newestFirst } from './range';
import type { StoreValue } from 'idb';
import type { Conversation, DeskDB } from './schema';

/**
 * Rows read per request when reading a whole account: each answer is turned into objects in one
 * go on the page's thread (100,000 rows in one answer held the side panel for most of a second),
 * so the list comes in pages and other work runs in between.
 */
export const LIST_PAGE = 2000;

/** Rows per request while reads a person waits for keep coming (see lib/db/foreground.ts). */
export const BUSY_LIST_PAGE = 400;

/** How a whole-list read goes: `pace` runs before each page (see lib/db/foreground.ts). */
export interface PagedReadOptions {
  pageSize?: number;
  /**
   * Awaited before each page; 'busy' makes that page a small one. Each page is then read in a
   * transaction of its own (one cannot stay open across a wait), so a row changed in between may
   * be read twice: the copy read last is kept.
   */
  pace?: () => Promise<Pace>;
}

/** Every conversation of an account, newest first, read in pages (in one transaction unless paced). */
export async function listConversations(accountId: string, opts: PagedReadOptions = {}): Promise<Conversation[]> {
  const db = await getDB();
  const byTime = () => db.transaction('conversations').store.index('by-account-updated');
  let index = byTime();
  const rows: Conversation[] = [];
  let range = IDBKeyRange.bound([accountId, -Infinity], [accountId, Infinity]);
  for (let pages = 0; ; pages++) {
    let pageSize = opts.pageSize ?? LIST_PAGE;
    if (opts.pace) {
      if ((await opts.pace()) === 'busy') pageSize = Math.min(pageSize, BUSY_LIST_PAGE);
      index = byTime();
    }
    const page = await index.getAll(range, pageSize);
    const last = page.at(-1)?.updatedTime;
    if (page.length < pageSize || last === undefined) {
      rows.push(...page);
      rows.reverse();
      return pages > 0 && opts.pace ? lastCopies(rows) : rows;
    }
    // The page may end amid rows of the same time: those are read together, then the next page
    // starts after that time.
    const tied = await index.getAll(IDBKeyRange.only([accountId, last]));
    for (const c of page) if (c.updatedTime !== last) rows.push(c);
    rows.push(...tied);
    range = IDBKeyRange.bound([accountId, last], [accountId, Infinity], true);
  }
}

/** Rows newest first with each id once: a row read twice keeps its newer copy (the one first here). */
function lastCopies(rows: Conversation[]): Conversation[] {
  const seen = new Set<string>();
  return rows.filter((c) => !seen.has(c.id) && Boolean(seen.add(c.id)));
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
  // One transaction for all of them: a transaction per key made 8,000 keys take seconds.
  const tx = (await getDB()).transaction(store);
  const rows: Array<StoreValue<DeskDB, S> | undefined> = await Promise.all(ids.map((id) => tx.store.get(id)));
  return rows.filter((r): r is StoreValue<DeskDB, S> => r !== undefined);
}
