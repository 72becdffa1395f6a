import type { IDBPDatabase } from 'idb';
import type { PostingBlock, PostingKey, SearchDB } from '../db/search-db';
import { BLOCK_SIZE, blockKey, termRange } from './postings';
import { beginWrite, endWrite, type Tail, type TailCache } from './tails';

/**
 * Puts each term's postings in time order again. Writes append to a term's last block, so a term's
 * blocks follow the order its docs were indexed in: time order for the messages a sync brings, but
 * not for a backfill or an import, which index in message-id or file order. A query reads blocks
 * newest first and can stop early only when blocks hold distinct stretches of time, so after a
 * large build each term whose full blocks overlap in time is read, sorted and written again (its
 * open last block, always read anyway, does not count).
 *
 * Each transaction takes a few terms (up to about MAX_TX_POSTINGS postings), so a sync's write
 * waits for one of them at most, and a stop in between leaves every term whole, ordered or not.
 */

const MAX_TX_POSTINGS = 256 * BLOCK_SIZE;

export interface CompactProgress {
  done: number;
  total: number;
}

export async function compactIndex(
  db: IDBPDatabase<SearchDB>,
  tails: TailCache,
  onProgress?: (p: CompactProgress) => void,
): Promise<number> {
  const todo = overlappingTerms(await db.getAllKeys('postings'));
  const total = todo.reduce((n, t) => n + t.blocks, 0);
  let done = 0;
  for (let i = 0; i < todo.length;) {
    const batch: TermBlocks[] = [];
    for (let size = 0; i < todo.length && (batch.length === 0 || size + todo[i]!.blocks <= MAX_TX_POSTINGS / BLOCK_SIZE); i++) {
      batch.push(todo[i]!);
      size += todo[i]!.blocks;
    }
    const tx = db.transaction(['postings', 'docs', 'accounts', 'meta'], 'readwrite');
    const store = tx.objectStore('postings');
    const gen = await beginWrite(tx, tails);
    const written = new Map<string, Tail | null>();
    const work = batch.map(async ({ accountId, term }) => {
      const range = termRange(accountId, term);
      const blocks = await store.getAll(range);
      await store.delete(range);
      let tail: Tail | null = null;
      for (const [blockNo, block] of inTimeOrder(term, blocks).entries()) {
        const key = blockKey(accountId, term, blockNo, block);
        await store.put(block, key);
        tail = { key, block };
      }
      written.set(`${accountId}\u0000${term}`, tail);
    });
    await endWrite(tx, work, tails, gen, written);
    done += batch.reduce((n, t) => n + t.blocks, 0);
    onProgress?.({ done, total });
  }
  return todo.length;
}

interface TermBlocks {
  accountId: string;
  term: string;
  blocks: number;
}

/** The terms (in key order) with two full blocks whose times overlap. */
export function overlappingTerms(keys: PostingKey[]): TermBlocks[] {
  const out: TermBlocks[] = [];
  let current: (TermBlocks & { newest: number; overlaps: boolean }) | null = null;
  for (const [accountId, term, , newest, oldest] of keys) {
    if (!current || current.accountId !== accountId || current.term !== term) {
      if (current?.overlaps) out.push({ accountId: current.accountId, term: current.term, blocks: current.blocks });
      current = { accountId, term, blocks: 0, newest: -Infinity, overlaps: false };
    }
    current.blocks++;
    // An open block (newest Infinity) is the last: it is read by every query anyway.
    if (newest === Infinity) continue;
    if (oldest < current.newest) current.overlaps = true;
    current.newest = Math.max(current.newest, newest);
  }
  if (current?.overlaps) out.push({ accountId: current.accountId, term: current.term, blocks: current.blocks });
  return out;
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
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => times[a]! - times[b]! || nos[a]! - nos[b]!);
  const out: PostingBlock[] = [];
  for (let start = 0; start < n; start += BLOCK_SIZE) {
    const slice = order.subarray(start, Math.min(n, start + BLOCK_SIZE));
    out.push({
      term,
      nos: Uint32Array.from(slice, (i) => nos[i]!),
      times: Float64Array.from(slice, (i) => times[i]!),
      fields: Uint8Array.from(slice, (i) => fields[i]!),
    });
  }
  return out;
}
