import type { IDBPDatabase } from 'idb';
import type { DocPage, DocRecord, SearchDB } from '../db/search-db';
import { docIn, pageOf } from './doc-pages';
import { best, intersect, lazyRanking, pointOf, without, type Candidates, type RankPoint } from './rank';
import { planBlocks } from './plan';
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

/** Full blocks of the most common term read in a query's first round (see plan.ts). */
const FIRST_BLOCKS = 4;

/** How far the next round reaches: `found` of `needed` were certain after reading `want` blocks. */
function nextWant(want: number, found: number, needed: number): number {
  if (found === 0) return Infinity;
  return Math.max(want * 2, Math.ceil((want * 1.5 * needed) / found));
}

/** A candidate as the query hands it on (candidates are rebuilt with each round). */
interface Entry {
  no: number;
  time: number;
  score: number;
}

async function run(db: IDBPDatabase<SearchDB>, q: string, opts: QueryOptions, conversationOf?: ConversationMemo): Promise<SearchHit[]> {
  const { terms, prefix } = parseQuery(q);
  const limit = Math.max(0, Math.floor(opts.limit ?? DEFAULT_LIMIT));
  if (terms.length === 0 || limit === 0 || opts.conversationIds?.size === 0) return [];
  const tx = db.transaction(['postings', 'docs', 'accounts'], 'readonly');
  const accounts = opts.accountId !== undefined ? [opts.accountId] : await tx.objectStore('accounts').getAllKeys();
  const plan = await planBlocks(tx.objectStore('postings'), accounts, terms, prefix);
  if (!plan) return [];

  const docs = tx.objectStore('docs');
  const only = opts.conversationIds;
  const memo = conversationOf;
  // Doc records are read by page (doc-pages.ts), each page once per query, neighbouring pages in
  // one key-range read.
  const pages = new Map<number, Promise<DocPage | undefined>>();
  const read = async (nos: number[]): Promise<Array<DocRecord | undefined>> => {
    readPages(docs, pages, nos.map(pageOf));
    const records = await Promise.all(nos.map(async (no) => docIn(await pages.get(pageOf(no)), no)));
    for (const r of records) if (r) memo?.remember(r.no, r.conversationId);
    return records;
  };
  /** The hits of these entries: ids remembered from an earlier hit, else read. */
  const hitsOf = async (entries: Entry[]): Promise<SearchHit[]> => {
    // What the memory has is taken before reading: remembering (this query's or another's
    // meanwhile) may start it again.
    const known = entries.map((e) => memo?.hitOf(e.no));
    const fresh = new Map(
      (await read(entries.filter((_, i) => !known[i]).map((e) => e.no))).flatMap((r) => (r ? [[r.no, r] as const] : [])),
    );
    for (const r of fresh.values()) memo?.rememberHit(r);
    return entries.flatMap((e, i) => {
      const r = known[i] ?? fresh.get(e.no);
      // A doc that is gone, or (never expected) not of the conversations asked for.
      if (!r || (only && !only.has(r.conversationId))) return [];
      // Every posting of a doc carries its time (a changed doc is taken out and added again).
      return [{ messageId: r.messageId, conversationId: r.conversationId, accountId: r.accountId, createdTime: e.time, score: e.score }];
    });
  };
  const entry = (c: Candidates, i: number): Entry => ({ no: c.nos[i]!, time: c.times[i]!, score: c.scores[i]! });

  // Rounds: read the newest blocks, rank the docs newer than `after`, stop when the best are
  // certain (they score the bound: no older doc can rank before them), else read further back.
  const walk = only ? filteredWalk(only, limit, memo, read) : null;
  for (let want = FIRST_BLOCKS; ;) {
    const after = await plan.next(want);
    const bound = plan.bound();
    const candidates = intersect(plan.lists, after);
    if (!walk) {
      const top = candidates ? Array.from(best(candidates, limit), (i) => entry(candidates, i)) : [];
      if (plan.complete || (top.length === limit && top[limit - 1]!.score >= bound)) return hitsOf(top);
      want = nextWant(want, candidates ? countAtLeast(candidates, bound) : 0, limit);
    } else {
      const found = candidates ? await walk.go(candidates, plan.complete ? -Infinity : bound) : walk.passing.length;
      if (walk.done || plan.complete) return hitsOf(walk.passing);
      want = nextWant(want, found, limit);
    }
  }
}

function countAtLeast(c: Candidates, score: number): number {
  let n = 0;
  for (let i = 0; i < c.count; i++) if (c.scores[i]! >= score) n++;
  return n;
}

/**
 * With a conversation filter, matches are taken best first until `limit` pass. Docs whose
 * conversation is known from earlier queries are decided without a read (those of other
 * conversations are left out before anything is ranked); the others are read in chunks that
 * double, so a narrow filter reaches deep into the ranking in a few round trips. The ranking itself
 * is worked out only as deep as the walk goes, and in a round that has not read every block, only
 * among the certain candidates (score at least `bound`): a chunk that would reach past them waits
 * for the next round. Each round's walk goes on after the last candidate the one before looked at.
 */
function filteredWalk(
  only: ReadonlySet<string>,
  limit: number,
  memo: ConversationMemo | undefined,
  read: (nos: number[]) => Promise<Array<DocRecord | undefined>>,
) {
  const passing: Entry[] = [];
  let reads = 0;
  let chunk = Math.max(limit * 2, 200);
  let last: RankPoint | undefined;
  let done = false;
  return {
    passing,
    get done() {
      return done;
    },
    /** Walks on in this round's candidates; answers how many pass so far. */
    async go(candidates: Candidates, bound: number): Promise<number> {
      const left = without(candidates, (no) => {
        const known = memo?.get(no);
        return known !== undefined && !only.has(known);
      });
      const ranked = lazyRanking(left, Math.max(limit * 2, 200), last);
      const certain = (at: number) => ranked.at(at) >= 0 && left.scores[ranked.at(at)]! >= bound;
      let at = 0;
      while (!done) {
        if (passing.length >= limit || reads >= MAX_FILTERED_READS || ranked.at(at) < 0) {
          done = passing.length >= limit || reads >= MAX_FILTERED_READS || bound === -Infinity;
          break;
        }
        // Up to `chunk` docs to read, and no further than enough docs known to pass.
        const unknown: number[] = [];
        // What the memory knows is taken now: it may start again while the chunk is read.
        const known = new Map<number, string>();
        let sure = 0;
        let end = at;
        const room = Math.min(chunk, MAX_FILTERED_READS - reads);
        for (; certain(end) && unknown.length < room && sure < limit - passing.length; end++) {
          const no = left.nos[ranked.at(end)]!;
          const conversationId = memo?.get(no);
          if (conversationId === undefined) unknown.push(no);
          else {
            known.set(no, conversationId);
            sure++;
          }
        }
        // Stopped at the end of the certain ones while the ranking goes on: the next round.
        if (!certain(end) && ranked.at(end) >= 0 && unknown.length < room && sure < limit - passing.length) break;
        const fresh = new Map<number, string>();
        (await read(unknown)).forEach((r) => r && fresh.set(r.no, r.conversationId));
        reads += unknown.length;
        chunk *= 2;
        for (; at < end && passing.length < limit; at++) {
          const c = ranked.at(at);
          const no = left.nos[c]!;
          last = pointOf(left, c);
          const conversationId = fresh.get(no) ?? known.get(no);
          if (conversationId !== undefined && only.has(conversationId)) passing.push({ no, time: left.times[c]!, score: left.scores[c]! });
        }
      }
      return passing.length;
    },
  };
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
