import type { IDBPObjectStore } from 'idb';
import type { PostingBlock, PostingKey, SearchDB } from '../db/search-db';
import { FIELD_TEXT } from './rank';
import type { Tail } from './tails';

/**
 * Posting blocks and their keys (see PostingKey in lib/db/search-db.ts). A term's docs are split
 * into blocks of at most BLOCK_SIZE so that appending a message rewrites one small block, not the
 * whole list. The last block is open (key `newest` Infinity); a block that fills up is written
 * under its newest time and text bit, and a new open block starts.
 */

export const BLOCK_SIZE = 1024;

type PostingStore = IDBPObjectStore<SearchDB, ('postings' | 'docs' | 'accounts' | 'meta')[], 'postings', 'readwrite'>;

/** Every block of one account's term. */
export function termRange(accountId: string, term: string): IDBKeyRange {
  return IDBKeyRange.bound([accountId, term], [accountId, term, []]);
}

/** The key a block is written under: open while it has room, else its times' bounds and text bit. */
export function blockKey(accountId: string, term: string, blockNo: number, { times, fields }: PostingBlock): PostingKey {
  return times.length < BLOCK_SIZE
    ? [accountId, term, blockNo, Infinity, -Infinity, 1]
    : [accountId, term, blockNo, Math.max(...times), Math.min(...times), fields.some((f) => f & FIELD_TEXT) ? 1 : 0];
}

/** Writes a block under the key it should have now, dropping the key it had when that differs. */
export async function writeBlock(store: PostingStore, block: PostingBlock, key: PostingKey, was: PostingKey | null): Promise<void> {
  if (was && indexedDB.cmp(was, key) !== 0) await store.delete(was);
  await store.put(block, key);
}

export interface Pending {
  accountId: string;
  term: string;
  remove: Set<number>;
  add: Array<{ no: number; time: number; fields: number }>;
}

/**
 * Removes and appends one term's docs. `known` is the term's last block as remembered from an
 * earlier write of this generation (no read needed to append); `left` is told the last block this
 * write leaves.
 */
export async function applyPending(
  store: PostingStore,
  p: Pending,
  known: Tail | undefined,
  left: (tail: Tail | null) => void,
): Promise<void> {
  const range = termRange(p.accountId, p.term);
  let tail: Tail | null = null;
  if (p.remove.size > 0) {
    // A replaced doc: drop it from every block of the term (rare: edits and re-syncs). A block
    // keeps its key: its times stay within its bounds, its text bit stays a possibility.
    const adding = new Set(p.add.map((a) => a.no));
    const drop = new Set([...p.remove, ...adding]);
    let cursor = await store.openCursor(range);
    while (cursor) {
      const kept = filterBlock(cursor.value, (no) => !drop.has(no));
      if (kept.nos.length === 0) await cursor.delete();
      else if (kept !== cursor.value) await cursor.update(kept);
      if (kept.nos.length > 0) tail = { key: cursor.key, block: kept };
      cursor = await cursor.continue();
    }
  } else if (known) {
    tail = known;
  } else {
    // New docs only: they have fresh numbers, so they can only be appended to the last block.
    const cursor = await store.openCursor(range, 'prev');
    if (cursor) tail = { key: cursor.key, block: cursor.value };
  }
  if (p.add.length === 0) {
    // Whatever is left is the term's tail (none: the term has no block left).
    left(tail);
    return;
  }
  let blockNo = tail?.key[2] ?? 0;
  let block = tail?.block ?? emptyBlock(p.term);
  let was: PostingKey | null = tail?.key ?? null;
  for (let i = 0; i < p.add.length;) {
    const room = BLOCK_SIZE - block.nos.length;
    if (room <= 0) {
      block = emptyBlock(p.term);
      blockNo++;
      was = null;
      continue;
    }
    const chunk = p.add.slice(i, i + room);
    block = appendBlock(block, chunk);
    const key = blockKey(p.accountId, p.term, blockNo, block);
    await writeBlock(store, block, key, was);
    was = key;
    i += chunk.length;
  }
  left({ key: was!, block });
}

export function emptyBlock(term: string): PostingBlock {
  return { term, nos: new Uint32Array(0), times: new Float64Array(0), fields: new Uint8Array(0) };
}

function filterBlock(b: PostingBlock, keep: (no: number) => boolean): PostingBlock {
  const idx: number[] = [];
  for (let i = 0; i < b.nos.length; i++) if (keep(b.nos[i]!)) idx.push(i);
  if (idx.length === b.nos.length) return b;
  return {
    term: b.term,
    nos: Uint32Array.from(idx, (i) => b.nos[i]!),
    times: Float64Array.from(idx, (i) => b.times[i]!),
    fields: Uint8Array.from(idx, (i) => b.fields[i]!),
  };
}

function appendBlock(b: PostingBlock, add: Array<{ no: number; time: number; fields: number }>): PostingBlock {
  const n = b.nos.length;
  const nos = new Uint32Array(n + add.length);
  const times = new Float64Array(n + add.length);
  const fields = new Uint8Array(n + add.length);
  nos.set(b.nos);
  times.set(b.times);
  fields.set(b.fields);
  add.forEach((a, i) => {
    nos[n + i] = a.no;
    times[n + i] = a.time;
    fields[n + i] = a.fields;
  });
  return { term: b.term, nos, times, fields };
}
