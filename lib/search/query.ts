import type { IDBPDatabase } from 'idb';
import type { DocPage, DocRecord, SearchDB } from '../db/search-db';
import { docIn, pageOf } from './doc-pages';
import { best, intersect, lazyRanking } from './rank';
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
 * never reused, so what is remembered stays true). Kept by the page's index, bounded in size.
 */
export interface ConversationMemo {
  get(no: number): string | undefined;
  remember(no: number, conversationId: string): void;
}

/** At most this many doc numbers are remembered (then the memo starts again). */
const MEMO_LIMIT = 50_000;

export function conversationMemo(): ConversationMemo {
  const byNo = new Map<number, string>();
  // One string per conversation, not one per doc.
  const ids = new Map<string, string>();
  return {
    get: (no) => byNo.get(no),
    remember: (no, conversationId) => {
      if (byNo.size >= MEMO_LIMIT) {
        byNo.clear();
        ids.clear();
      }
      let id = ids.get(conversationId);
      if (id === undefined) ids.set(conversationId, (id = conversationId));
      byNo.set(no, id);
    },
  };
}

export async function query(
  db: IDBPDatabase<SearchDB>,
  q: string,
  opts: QueryOptions,
  conversationOf?: ConversationMemo,
): Promise<SearchHit[]> {
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
  const { nos, scores } = candidates;

  const docs = tx.objectStore('docs');
  const only = opts.conversationIds;
  // Doc records are read by page (doc-pages.ts), each page once per query. Candidates are passed
  // around by their index in `candidates`.
  const pages = new Map<number, Promise<DocPage | undefined>>();
  const page = (n: number) => {
    let p = pages.get(n);
    if (!p) pages.set(n, (p = docs.get(n)));
    return p;
  };
  const read = async (slice: ArrayLike<number>) => {
    const records = await Promise.all(Array.from(slice, async (c) => docIn(await page(pageOf(nos[c]!)), nos[c]!)));
    for (const r of records) if (r) conversationOf?.remember(r.no, r.conversationId);
    return records;
  };
  const hit = (r: DocRecord, c: number): SearchHit => ({
    messageId: r.messageId,
    conversationId: r.conversationId,
    accountId: r.accountId,
    createdTime: r.createdTime,
    score: scores[c]!,
  });
  if (!only) {
    const top = best(candidates, limit);
    return (await read(top)).flatMap((r, i) => (r ? [hit(r, top[i]!)] : []));
  }

  // With a conversation filter, matches are taken best first until `limit` pass. A doc whose
  // conversation is known from an earlier query is decided without a read; the others are read
  // in chunks that double, so a narrow filter reaches deep into the ranking in a few round trips.
  // The ranking itself is worked out only as deep as the walk goes.
  const first = Math.max(limit * 2, 200);
  const ranked = lazyRanking(candidates, first);
  const passing: Array<{ c: number; r: DocRecord | undefined }> = [];
  let reads = 0;
  let at = 0;
  for (let chunk = first; ranked.at(at) >= 0 && passing.length < limit && reads < MAX_FILTERED_READS; chunk *= 2) {
    const unknown: number[] = [];
    let end = at;
    for (; ranked.at(end) >= 0 && unknown.length < Math.min(chunk, MAX_FILTERED_READS - reads); end++) {
      const c = ranked.at(end);
      if (conversationOf?.get(nos[c]!) === undefined) unknown.push(c);
    }
    const fresh = new Map<number, DocRecord>();
    (await read(unknown)).forEach((r) => r && fresh.set(r.no, r));
    reads += unknown.length;
    for (; at < end && passing.length < limit; at++) {
      const c = ranked.at(at);
      const r = fresh.get(nos[c]!);
      const conversationId = r?.conversationId ?? conversationOf?.get(nos[c]!);
      if (conversationId !== undefined && only.has(conversationId)) passing.push({ c, r });
    }
  }
  // The passing docs not read in this query (decided from memory) are read now, for their details.
  const missing = passing.filter((p) => !p.r).map((p) => p.c);
  const late = new Map((await read(missing)).flatMap((r) => (r ? [[r.no, r] as const] : [])));
  return passing.flatMap(({ c, r }) => {
    const record = r ?? late.get(nos[c]!);
    // A doc that is gone, or (never expected: numbers are not reused) in another conversation now.
    return record && only.has(record.conversationId) ? [hit(record, c)] : [];
  });
}
