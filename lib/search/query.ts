import type { IDBPDatabase } from 'idb';
import type { DocPage, DocRecord, SearchDB } from '../db/search-db';
import { docIn, pageOf } from './doc-pages';
import { best, intersect, lazyRanking, without } from './rank';
import { whileForeground } from '../db/foreground';
import { parseQuery } from './text';
import type { QueryOptions, SearchHit } from './types';

export { FIELD_TEXT } from './rank';

/**
 * A query over the inverted index (see idb-index.ts for its layout): one read-only transaction,
 * the posting blocks of each term read at once, intersected from the rarest term up and ranked
 * (rank.ts), and only the doc records of the winners read.
 */

const DEFAULT_LIMIT = 50;
/**
 * With a conversation filter, matches are checked best first in chunks until `limit` pass; no
 * more than this many are read (a very common word under a narrow filter shows the best of them).
 */
export const MAX_FILTERED_READS = 4000;

/**
 * Which conversation each doc number belongs to, as far as earlier queries read it (numbers are
 * never reused, and a message never moves to another conversation or account, so what is
 * remembered stays true). Kept by the page's index, bounded in size. The docs that were hits also
 * keep their message and account, so that a hit found again needs no read: typing "is:done cof",
 * "is:done coff", … finds mostly the same docs.
 */
export interface ConversationMemo {
  get(no: number): string | undefined;
  remember(no: number, conversationId: string): void;
  /** A hit's ids, when it was a hit of an earlier query. */
  hitOf(no: number): DocRef | undefined;
  rememberHit(record: DocRecord): void;
}

/** What a hit needs of its doc record besides the time (the postings have it). */
export type DocRef = Pick<DocRecord, 'messageId' | 'conversationId' | 'accountId'>;

/** At most this many doc numbers are remembered (then the memo starts again). */
const MEMO_LIMIT = 50_000;
/** At most this many hits' ids (a message id is a long string: these are kept fewer). */
const HIT_LIMIT = 5_000;

export function conversationMemo(): ConversationMemo {
  const byNo = new Map<number, string>();
  const hits = new Map<number, DocRef>();
  // One string per conversation and account, not one per doc.
  const ids = new Map<string, string>();
  const intern = (id: string): string => {
    const known = ids.get(id);
    if (known !== undefined) return known;
    ids.set(id, id);
    return id;
  };
  const remember = (no: number, conversationId: string): void => {
    if (byNo.size >= MEMO_LIMIT) {
      byNo.clear();
      ids.clear();
    }
    byNo.set(no, intern(conversationId));
  };
  return {
    get: (no) => byNo.get(no),
    remember,
    hitOf: (no) => hits.get(no),
    rememberHit: (r) => {
      if (hits.size >= HIT_LIMIT) hits.clear();
      remember(r.no, r.conversationId);
      hits.set(r.no, { messageId: r.messageId, conversationId: intern(r.conversationId), accountId: intern(r.accountId) });
    },
  };
}

/** A query: while it runs, the page's big background reads hold back (lib/db/foreground.ts). */
export function query(db: IDBPDatabase<SearchDB>, q: string, opts: QueryOptions, conversationOf?: ConversationMemo): Promise<SearchHit[]> {
  return whileForeground(() => run(db, q, opts, conversationOf));
}

async function run(db: IDBPDatabase<SearchDB>, q: string, opts: QueryOptions, conversationOf?: ConversationMemo): Promise<SearchHit[]> {
  const { terms, prefix } = parseQuery(q);
  const limit = Math.max(0, Math.floor(opts.limit ?? DEFAULT_LIMIT));
  if (terms.length === 0 || limit === 0 || opts.conversationIds?.size === 0) return [];
  const tx = db.transaction(['postings', 'docs', 'accounts'], 'readonly');
  const accounts = opts.accountId !== undefined ? [opts.accountId] : await tx.objectStore('accounts').getAllKeys();
  const postings = tx.objectStore('postings');

  const lists = await Promise.all(
    terms.map(async (term, i) => {
      const isPrefix = prefix && i === terms.length - 1;
      const blocks = await Promise.all(
        accounts.map((a) =>
          postings.getAll(IDBKeyRange.bound([a, term], isPrefix ? [a, `${term}\uffff`] : [a, term, []], false, isPrefix)),
        ),
      );
      return { term, blocks: blocks.flat() };
    }),
  );
  const candidates = intersect(lists);
  if (!candidates) return [];
  const { nos, times, scores } = candidates;

  const docs = tx.objectStore('docs');
  const only = opts.conversationIds;
  const memo = conversationOf;
  // Doc records are read by page (doc-pages.ts), each page once per query, neighbouring pages in
  // one key-range read. Candidates are passed around by their index in `candidates`.
  const pages = new Map<number, Promise<DocPage | undefined>>();
  const read = async (slice: ArrayLike<number>): Promise<Array<DocRecord | undefined>> => {
    readPages(
      docs,
      pages,
      Array.from(slice, (c) => pageOf(nos[c]!)),
    );
    const records = await Promise.all(Array.from(slice, async (c) => docIn(await pages.get(pageOf(nos[c]!)), nos[c]!)));
    for (const r of records) if (r) memo?.remember(r.no, r.conversationId);
    return records;
  };
  const hit = (r: DocRef, c: number): SearchHit => ({
    messageId: r.messageId,
    conversationId: r.conversationId,
    accountId: r.accountId,
    // Every posting of a doc carries its time (a changed doc is taken out and added again).
    createdTime: times[c]!,
    score: scores[c]!,
  });
  /** The hits of these candidates: ids remembered from an earlier hit, else read. */
  const hitsOf = async (cs: ArrayLike<number>): Promise<SearchHit[]> => {
    const unknown = Array.from(cs).filter((c) => !memo?.hitOf(nos[c]!));
    const fresh = new Map((await read(unknown)).flatMap((r) => (r ? [[r.no, r] as const] : [])));
    return Array.from(cs).flatMap((c) => {
      const r = fresh.get(nos[c]!) ?? memo?.hitOf(nos[c]!);
      // A doc that is gone, or (never expected) not of the conversations asked for.
      if (!r || (only && !only.has(r.conversationId))) return [];
      if (fresh.has(nos[c]!)) memo?.rememberHit(fresh.get(nos[c]!)!);
      return [hit(r, c)];
    });
  };
  if (!only) return hitsOf(best(candidates, limit));

  // With a conversation filter, matches are taken best first until `limit` pass. Docs whose
  // conversation is known from earlier queries are decided without a read (those of other
  // conversations are left out before anything is ranked); the others are read in chunks that
  // double, so a narrow filter reaches deep into the ranking in a few round trips. The ranking
  // itself is worked out only as deep as the walk goes.
  const left = without(candidates, (no) => {
    const known = memo?.get(no);
    return known !== undefined && !only.has(known);
  });
  const ranked = lazyRanking(left, Math.max(limit * 2, 200));
  const passing: number[] = [];
  let reads = 0;
  let at = 0;
  for (let chunk = Math.max(limit * 2, 200); ranked.at(at) >= 0 && passing.length < limit && reads < MAX_FILTERED_READS; chunk *= 2) {
    // Up to `chunk` docs to read, and no further than enough docs known to pass.
    const unknown: number[] = [];
    let sure = 0;
    let end = at;
    for (; ranked.at(end) >= 0 && unknown.length < Math.min(chunk, MAX_FILTERED_READS - reads) && sure < limit - passing.length; end++) {
      const c = ranked.at(end);
      if (memo?.get(left.nos[c]!) === undefined) unknown.push(c);
      else sure++;
    }
    const fresh = new Map<number, string>();
    (await read(Array.from(unknown, (c) => left.from[c]!))).forEach((r) => r && fresh.set(r.no, r.conversationId));
    reads += unknown.length;
    for (; at < end && passing.length < limit; at++) {
      const no = left.nos[ranked.at(at)]!;
      const conversationId = fresh.get(no) ?? memo?.get(no);
      if (conversationId !== undefined && only.has(conversationId)) passing.push(left.from[ranked.at(at)]!);
    }
  }
  return hitsOf(passing);
}

/**
 * Neighbouring pages are read as one key range, at most this many at a time. Only pages wanted:
 * in Chromium a page costs about the same read alone or in a range (most of it is its ~10 KB
 * structured-cloned), so reading the pages between two wanted ones costs more than it saves.
 */
const RANGE_PAGES = 64;

/** Starts reading the pages not read yet in this query (`pages` keeps each page's read). */
function readPages(
  docs: { get(page: number): Promise<DocPage | undefined>; getAll(range: IDBKeyRange): Promise<DocPage[]> },
  pages: Map<number, Promise<DocPage | undefined>>,
  wanted: number[],
): void {
  const todo = [...new Set(wanted)].filter((n) => !pages.has(n)).sort((a, b) => a - b);
  for (let i = 0; i < todo.length;) {
    const lo = todo[i]!;
    let j = i;
    while (j + 1 < todo.length && todo[j + 1] === todo[j]! + 1 && todo[j + 1]! - lo < RANGE_PAGES) j++;
    const hi = todo[j]!;
    if (lo === hi) {
      pages.set(lo, docs.get(lo));
    } else {
      const found = docs.getAll(IDBKeyRange.bound(lo, hi)).then((list) => new Map(list.map((p) => [p.page, p])));
      for (let n = lo; n <= hi; n++)
        pages.set(
          n,
          found.then((byPage) => byPage.get(n)),
        );
    }
    i = j + 1;
  }
}
