import { DOCS_PER_PAGE, type DocPage, type DocRecord } from '../db/search-db';

/**
 * Doc records live DOCS_PER_PAGE to a `docs` record (a page), so that indexing thousands of
 * messages writes a few hundred records, not one per message: in IndexedDB each request costs
 * about the same whatever its size. The pages' `ids` and `accounts` arrays feed the multiEntry
 * indexes that find a doc by message id and an account's docs.
 */

export const pageOf = (no: number): number => Math.floor(no / DOCS_PER_PAGE);

/** The store calls the editor needs (a readwrite `docs` store, or a plain fake). */
export interface PageStore {
  get(page: number): Promise<DocPage | undefined>;
  put(page: DocPage): Promise<unknown>;
  delete(page: number): Promise<unknown>;
}

function emptyPage(page: number): DocPage {
  return { page, docs: [], ids: [], accounts: [] };
}

/** The doc record of `no` in a page, if it is there. */
export function docIn(page: DocPage | undefined, no: number): DocRecord | undefined {
  return page?.docs.find((d) => d.no === no);
}

/**
 * Pages read once per write, changed in memory, and written back once each by `flush` (within the
 * same transaction). Every caller of one page shares the same object.
 */
export function pageEditor(store: PageStore) {
  const pages = new Map<number, Promise<DocPage>>();
  const changed = new Set<number>();
  let unused = Infinity;
  const load = (n: number): Promise<DocPage> => {
    let p = pages.get(n);
    if (!p) pages.set(n, (p = n >= unused ? Promise.resolve(emptyPage(n)) : store.get(n).then((page) => page ?? emptyPage(n))));
    return p;
  };
  return {
    /** Pages from `page` on hold no record yet (their numbers were never given out): they are not read. */
    unusedFrom(page: number): void {
      unused = page;
    },
    /** A page already read (by a lookup): later edits start from it instead of reading it again. */
    known(page: DocPage): void {
      if (!pages.has(page.page)) pages.set(page.page, Promise.resolve(page));
    },
    /** Adds a doc record, or replaces the one with its number. */
    async put(record: DocRecord): Promise<void> {
      const page = await load(pageOf(record.no));
      const i = page.docs.findIndex((d) => d.no === record.no);
      if (i >= 0) page.docs[i] = record;
      else page.docs.push(record);
      changed.add(page.page);
    },
    /** Takes doc records out (by number). */
    async drop(nos: number[]): Promise<void> {
      for (const no of nos) {
        const page = await load(pageOf(no));
        const i = page.docs.findIndex((d) => d.no === no);
        if (i >= 0) {
          page.docs.splice(i, 1);
          changed.add(page.page);
        }
      }
    },
    /** Writes every changed page (an empty one is deleted). */
    async flush(): Promise<void> {
      await Promise.all(
        [...changed].map(async (n) => {
          const page = await load(n);
          if (page.docs.length === 0) return store.delete(n);
          page.ids = page.docs.map((d) => d.messageId);
          page.accounts = [...new Set(page.docs.map((d) => d.accountId))];
          return store.put(page);
        }),
      );
    },
  };
}

/** The `by-message` index calls a lookup needs. */
export interface ByMessage {
  get(id: string): Promise<DocPage | undefined>;
  getAll(range: IDBKeyRange, count: number): Promise<DocPage[]>;
}

/**
 * The stored records of these message ids (one key range read when the batch is large and the
 * range sparse, as in a backfill that reads the cache in id order); the pages read are handed to
 * `pages` so that edits start from them.
 */
export async function existingDocs(
  byMessage: ByMessage,
  ids: string[],
  pages: Pick<ReturnType<typeof pageEditor>, 'known'>,
): Promise<Map<string, DocRecord>> {
  const wanted = new Set(ids);
  const found = new Map<string, DocRecord>();
  const take = (page: DocPage | undefined) => {
    if (!page) return;
    pages.known(page);
    for (const d of page.docs) if (wanted.has(d.messageId)) found.set(d.messageId, d);
  };
  if (ids.length >= 64) {
    const sorted = [...ids].sort();
    const limit = ids.length * 2;
    // A page comes once for each of its ids in the range.
    const inRange = await byMessage.getAll(IDBKeyRange.bound(sorted[0]!, sorted[sorted.length - 1]!), limit);
    // Fewer than `limit` records: that is all of the range, so every doc of the batch is in it.
    if (inRange.length < limit) {
      inRange.forEach(take);
      return found;
    }
  }
  (await Promise.all(ids.map((id) => byMessage.get(id)))).forEach(take);
  return found;
}
