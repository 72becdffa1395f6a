import type { IDBPTransaction } from 'idb';
import type { PostingBlock, PostingKey, SearchDB } from '../db/search-db';

/**
 * The last (partly filled) posting block of each term this index wrote, kept in memory so that a
 * write appends to it without first reading it back. A backfill or an import writes the same
 * common terms in every chunk: without this, every chunk read each term's last block again
 * (one more request per term), which was most of the time of a large build.
 *
 * The memory is only trusted while nothing else wrote the database: every write transaction bumps
 * the `gen` counter in `meta`, and a write that finds another counter than the one it remembers
 * (another page wrote, or a write failed) forgets every tail and reads them again.
 */

export interface Tail {
  /** The key the block is stored under (its number is key[2]). */
  key: PostingKey;
  block: PostingBlock;
}

/** Beyond this many remembered terms the memory starts again (the background stays small). */
const MAX_TERMS = 200_000;

export interface TailCache {
  /** The generation the remembered tails belong to, or null when nothing is remembered. */
  readonly gen: number | null;
  /** Drops every tail unless they belong to `gen` (read at the start of a write). */
  check(gen: number | undefined): void;
  get(key: string): Tail | undefined;
  /** Keeps the tails a committed write left, as of its new generation. */
  commit(gen: number, tails: Map<string, Tail | null>): void;
  /** Forgets everything (a failed write, a removal). */
  clear(): void;
}

export function tailCache(): TailCache {
  const tails = new Map<string, Tail>();
  let gen: number | null = null;
  return {
    get gen() {
      return gen;
    },
    check(current) {
      if (gen === null || current !== gen) {
        tails.clear();
        gen = null;
      }
    },
    get: (key) => tails.get(key),
    commit(next, written) {
      // A write that began from forgotten tails only read the ones it touched: the others it did
      // not see are unknown, and a tail never read is simply read on its next write.
      if (tails.size + written.size > MAX_TERMS) tails.clear();
      for (const [key, tail] of written) {
        if (tail) tails.set(key, tail);
        else tails.delete(key);
      }
      gen = next;
    },
    clear() {
      tails.clear();
      gen = null;
    },
  };
}

/** A write transaction of the index (every store: the writes take them all). */
export type WriteTx = IDBPTransaction<SearchDB, ('postings' | 'docs' | 'accounts' | 'meta')[], 'readwrite'>;

/** Starts a write: the generation it will leave, and the tails it may trust (see above). */
export async function beginWrite(tx: WriteTx, tails: TailCache): Promise<number> {
  const gen = await tx.objectStore('meta').get('gen');
  tails.check(gen);
  const next = (gen ?? 0) + 1;
  await tx.objectStore('meta').put(next, 'gen');
  return next;
}

/** Waits for the transaction, then keeps (or, when it failed, forgets) the tails it wrote. */
export async function endWrite(
  tx: WriteTx,
  work: Promise<unknown>[],
  tails: TailCache,
  gen: number,
  written: Map<string, Tail | null>,
): Promise<void> {
  try {
    await Promise.all([...work, tx.done]);
  } catch (e) {
    tails.clear();
    throw e;
  }
  tails.commit(gen, written);
}
