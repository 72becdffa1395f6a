import type { IDBPDatabase } from 'idb';
import type { PostingBlock, SearchDB } from '../db/search-db';
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

export async function query(db: IDBPDatabase<SearchDB>, q: string, opts: QueryOptions): Promise<SearchHit[]> {
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
  const hits: SearchHit[] = [];
  const end = only ? Math.min(ranked.length, MAX_FILTERED_READS) : Math.min(ranked.length, limit);
  // Chunks double: a narrow filter reaches deep into the ranking in a few round trips.
  for (let at = 0, chunk = only ? Math.max(limit * 2, 200) : limit; at < end && hits.length < limit; at += chunk, chunk *= 2) {
    const slice = ranked.slice(at, Math.min(at + chunk, end));
    const records = await Promise.all(slice.map((c) => docs.get(c.no)));
    slice.forEach((c, i) => {
      const r = records[i];
      if (!r || hits.length >= limit || (only && !only.has(r.conversationId))) return;
      hits.push({
        messageId: r.messageId,
        conversationId: r.conversationId,
        accountId: r.accountId,
        createdTime: r.createdTime,
        score: c.score,
      });
    });
  }
  return hits;
}

function size(blocks: PostingBlock[]): number {
  let n = 0;
  for (const b of blocks) n += b.nos.length;
  return n;
}
