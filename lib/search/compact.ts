import type { IDBPDatabase } from 'idb';
import type { PostingBlock, PostingKey, SearchDB } from '../db/search-db';
import { BLOCK_SIZE, blockKey, termRange } from './postings';
import { beginWrite, endWrite, tailCache, type Tail, type TailCache } from './tails';

/**
 * Puts each term's postings in time order again. Writes append to a term's last block, so a term's
 * blocks follow the order its docs were indexed in: time order for the messages a sync brings, but
 * not for a backfill (by message id) or an import (by file order). A query reads blocks newest first
 * and stops early only when blocks hold distinct stretches of time (plan.ts), so each term whose
 * full blocks overlap in time is read, sorted and written again.
 *
 * The background only appends (its bundle stays small and quick to start); a page that queries
 * runs this, in a worker (compact-worker.ts) so that sorting a common word's postings never holds
 * up the page. A few terms per transaction: a write of the background waits for one of them at
 * most, and a page closed meanwhile leaves every term whole, ordered or not.
 */

/** Full blocks of the terms rewritten in one transaction (at least one term). */
const TX_BLOCKS = 256;

interface TermBlocks {
  accountId: string;
  term: string;
  blocks: number;
}

export async function compactIndex(db: IDBPDatabase<SearchDB>, tails: TailCache = tailCache()): Promise<number> {
  const todo = overlappingTerms(await db.getAllKeys('postings'));
  for (let i = 0; i < todo.length;) {
    const batch: TermBlocks[] = [];
    for (let size = 0; i < todo.length && size < TX_BLOCKS; i++) {
      batch.push(todo[i]!);
      size += todo[i]!.blocks;
    }
    const tx = db.transaction(['postings', 'docs', 'accounts', 'meta'], 'readwrite');
    const store = tx.objectStore('postings');
    const gen = await beginWrite(tx, tails);
    const written = new Map<string, Tail | null>();
    const work = batch.map(async ({ accountId, term }) => {
      const range = termRange(accountId, term);
      const blocks = inTimeOrder(term, await store.getAll(range));
      await store.delete(range);
      let tail: Tail | null = null;
      for (const [blockNo, block] of blocks.entries()) {
        tail = { key: blockKey(accountId, term, blockNo, block), block };
        await store.put(block, tail.key);
      }
      written.set(`${accountId}\u0000${term}`, tail);
    });
    await endWrite(tx, work, tails, gen, written);
  }
  return todo.length;
}

/**
 * The terms with two full blocks whose times overlap (in key order). A term's open block, the last,
 * is read by every query anyway and does not count; blocks in any order that hold distinct
 * stretches of time (an import of older messages, newest first) need nothing.
 */
export function overlappingTerms(keys: PostingKey[]): TermBlocks[] {
  const terms = new Map<string, TermBlocks & { spans: Array<[oldest: number, newest: number]> }>();
  for (const [accountId, term, , newest, oldest] of keys) {
    const id = `${accountId}\u0000${term}`;
    let t = terms.get(id);
    if (!t) terms.set(id, (t = { accountId, term, blocks: 0, spans: [] }));
    t.blocks++;
    if (newest !== Infinity) t.spans.push([oldest, newest]);
  }
  return [...terms.values()]
    .filter(({ spans }) => spans.sort((x, y) => x[0] - y[0]).some(([oldest], i) => i > 0 && oldest < spans[i - 1]![1]))
    .map(({ accountId, term, blocks }) => ({ accountId, term, blocks }));
}

/** A term's postings sorted by time (then doc number), in full blocks and one open block. */
export function inTimeOrder(term: string, blocks: PostingBlock[]): PostingBlock[] {
  let n = 0;
  for (const b of blocks) n += b.nos.length;
  const nos = new Uint32Array(n);
  const times = new Float64Array(n);
  const fields = new Uint8Array(n);
  let at = 0;
  for (const b of blocks) {
    nos.set(b.nos, at);
    times.set(b.times, at);
    fields.set(b.fields, at);
    at += b.nos.length;
  }
  const order = nos.map((_, i) => i).sort((a, b) => times[a]! - times[b]! || nos[a]! - nos[b]!);
  const out: PostingBlock[] = [];
  for (let start = 0; start < n; start += BLOCK_SIZE) {
    const slice = order.subarray(start, start + BLOCK_SIZE);
    out.push({
      term,
      nos: Uint32Array.from(slice, (i) => nos[i]!),
      times: Float64Array.from(slice, (i) => times[i]!),
      fields: Uint8Array.from(slice, (i) => fields[i]!),
    });
  }
  return out;
}
