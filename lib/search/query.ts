import type { IDBPDatabase } from 'idb';
import type { DocPage, DocRecord, PostingBlock, SearchDB } from '../db/search-db';
import { docIn, pageOf } from './doc-pages';
import { parseQuery } from './text';
import type { QueryOptions, SearchHit } from './types';

/**
 * A query over the inverted index (see idb-index.ts for its layout): one read-only transaction,
 * the posting blocks of each term read at once, intersected from the rarest term up, ranked, and
 * only the doc records of the winners read.
 */

/** Field bits of a posting: the doc's own text, or the participant's name/username. */
export const FIELD_TEXT = 1;
/** A match in the participant's name or username counts less than one in the message itself. */
const PARTICIPANT_WEIGHT = 0.8;
const DEFAULT_LIMIT = 50;
/**
 * With a conversation filter, matches are checked best first in chunks until `limit` pass; no
 * more than this many are read (a very common word under a narrow filter shows the best of them).
 */
export const MAX_FILTERED_READS = 4000;

interface Candidate {
  no: number;
  time: number;
  score: number;
}

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
  // Start from the rarest term so that the candidate map stays small.
  lists.sort((a, b) => size(a.blocks) - size(b.blocks));

  let candidates: Map<number, Candidate> | null = null;
  for (const { term, blocks } of lists) {
    const best = new Map<number, number>();
    const times = candidates ? null : new Map<number, number>();
    for (const b of blocks) {
      // A prefix match of a long term counts less than an exact one.
      const closeness = b.term === term ? 1 : 0.5 + (0.5 * term.length) / b.term.length;
      for (let i = 0; i < b.nos.length; i++) {
        const no = b.nos[i]!;
        if (candidates && !candidates.has(no)) continue;
        const w = closeness * (b.fields[i]! & FIELD_TEXT ? 1 : PARTICIPANT_WEIGHT);
        if (w > (best.get(no) ?? 0)) best.set(no, w);
        times?.set(no, b.times[i]!);
      }
    }
    const next = new Map<number, Candidate>();
    for (const [no, w] of best) {
      const prev = candidates?.get(no);
      next.set(no, { no, time: prev?.time ?? times!.get(no)!, score: (prev?.score ?? 0) + w });
    }
    if (next.size === 0) return [];
    candidates = next;
  }

  const ranked = [...candidates!.values()].sort((a, b) => b.score - a.score || b.time - a.time || b.no - a.no);
  const docs = tx.objectStore('docs');
  const only = opts.conversationIds;
  // Doc records are read by page (doc-pages.ts), each page once per query.
  const pages = new Map<number, Promise<DocPage | undefined>>();
  const page = (n: number) => {
    let p = pages.get(n);
    if (!p) pages.set(n, (p = docs.get(n)));
    return p;
  };
  const read = async (slice: Candidate[]) => {
    const records = await Promise.all(slice.map(async (c) => docIn(await page(pageOf(c.no)), c.no)));
    for (const r of records) if (r) conversationOf?.remember(r.no, r.conversationId);
    return records;
  };
  const hit = (r: DocRecord, c: Candidate): SearchHit => ({
    messageId: r.messageId,
    conversationId: r.conversationId,
    accountId: r.accountId,
    createdTime: r.createdTime,
    score: c.score,
  });
  if (!only) {
    const slice = ranked.slice(0, limit);
    return (await read(slice)).flatMap((r, i) => (r ? [hit(r, slice[i]!)] : []));
  }

  // With a conversation filter, matches are taken best first until `limit` pass. A doc whose
  // conversation is known from an earlier query is decided without a read; the others are read
  // in chunks that double, so a narrow filter reaches deep into the ranking in a few round trips.
  const passing: Array<{ c: Candidate; r: DocRecord | undefined }> = [];
  let reads = 0;
  let at = 0;
  for (let chunk = Math.max(limit * 2, 200); at < ranked.length && passing.length < limit && reads < MAX_FILTERED_READS; chunk *= 2) {
    const unknown: Candidate[] = [];
    let end = at;
    for (; end < ranked.length && unknown.length < Math.min(chunk, MAX_FILTERED_READS - reads); end++) {
      if (conversationOf?.get(ranked[end]!.no) === undefined) unknown.push(ranked[end]!);
    }
    const fresh = new Map<number, DocRecord>();
    (await read(unknown)).forEach((r) => r && fresh.set(r.no, r));
    reads += unknown.length;
    for (; at < end && passing.length < limit; at++) {
      const c = ranked[at]!;
      const r = fresh.get(c.no);
      const conversationId = r?.conversationId ?? conversationOf?.get(c.no);
      if (conversationId !== undefined && only.has(conversationId)) passing.push({ c, r });
    }
  }
  // The passing docs not read in this query (decided from memory) are read now, for their details.
  const missing = passing.filter((p) => !p.r).map((p) => p.c);
  const late = new Map((await read(missing)).flatMap((r) => (r ? [[r.no, r] as const] : [])));
  return passing.flatMap(({ c, r }) => {
    const record = r ?? late.get(c.no);
    // A doc that is gone, or (never expected: numbers are not reused) in another conversation now.
    return record && only.has(record.conversationId) ? [hit(record, c)] : [];
  });
}

function size(blocks: PostingBlock[]): number {
  let n = 0;
  for (const b of blocks) n += b.nos.length;
  return n;
}
