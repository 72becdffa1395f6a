import type { IDBPObjectStore } from 'idb';
import type { PostingBlock, PostingKey, SearchDB } from '../db/search-db';
import { FIELD_TEXT, participantWeight, textWeight, type TermBlocks } from './rank';

/**
 * Which posting blocks a query reads, newest first. Every block's key carries bounds of its times
 * (lib/db/search-db.ts): the blocks whose newest time is after a time `after` hold every posting of
 * every doc newer than it. So a query reads those for each term, ranks the docs newer than `after`
 * (exactly, as if it had read everything), and when its best are certain (no older doc can score
 * as well: see `bound`) it stops; otherwise `after` moves back and more blocks are read, down to
 * every block of every term.
 *
 * `after` is set by the word with the most full blocks: the newest time of its block just past the
 * `want` newest. A term's open block (the last, still being appended to) is read first of all.
 */

type PostingStore = IDBPObjectStore<SearchDB, ArrayLike<'postings' | 'docs' | 'accounts'>, 'postings', 'readonly'>;

interface TermPlan {
  term: string;
  /** Every block of the term (of each word it prefixes, of every account), in key order. */
  keys: PostingKey[];
  /** Indices into `keys` of its full blocks, newest first. */
  full: number[];
  /** How many of `full` are read. */
  fullRead: number;
  blocks: PostingBlock[];
  /** The best weight a posting not read yet, or an open block's, can give (see `bound`). */
  best: number;
}

export interface BlockPlan {
  /** Reads what a threshold needs: every term's open blocks, and full blocks newer than it. Answers it. */
  next(want: number): Promise<number>;
  /** What is read so far, per query term. */
  readonly lists: TermBlocks[];
  /**
   * The best score a doc can have: the sum of each term's best possible weight (exact floats, see
   * rank.ts). A doc not newer than `after` scores at most this, and ranks after any doc newer than
   * `after` with at least this score (same score: the newer first).
   */
  bound(): number;
  /** Whether every block is read. */
  readonly complete: boolean;
}

/** The key range of a term's blocks, or of every term it prefixes. */
function termKeys(accountId: string, term: string, prefix: boolean): IDBKeyRange {
  return IDBKeyRange.bound([accountId, term], prefix ? [accountId, `${term}\uffff`] : [accountId, term, []], false, prefix);
}

/** A key's weight bound: its term's closeness, as text unless every posting in it is of a name. */
function keyWeight(term: string, key: PostingKey): number {
  const text = textWeight(term, key[1]);
  return key[5] ? text : participantWeight(text);
}

function blockWeight(term: string, block: PostingBlock): number {
  const text = textWeight(term, block.term);
  for (let i = 0; i < block.fields.length; i++) if (block.fields[i]! & FIELD_TEXT) return text;
  return block.fields.length > 0 ? participantWeight(text) : 0;
}

/** The plan of a query, from its terms' block keys; null when a term has no block at all. */
export async function planBlocks(store: PostingStore, accounts: string[], terms: string[], prefix: boolean): Promise<BlockPlan | null> {
  const keyLists = await Promise.all(
    terms.map(async (term, i) =>
      (await Promise.all(accounts.map((a) => store.getAllKeys(termKeys(a, term, prefix && i === terms.length - 1))))).flat(),
    ),
  );
  if (keyLists.some((keys) => keys.length === 0)) return null;
  const plans: TermPlan[] = terms.map((term, i) => {
    const keys = keyLists[i]!;
    const full = keys.flatMap((k, at) => (k[3] === Infinity ? [] : [at])).sort((a, b) => keys[b]![3] - keys[a]![3]);
    let best = 0;
    for (const at of full) best = Math.max(best, keyWeight(term, keys[at]!));
    return { term, keys, full, fullRead: 0, blocks: [], best };
  });
  // The word with the most full blocks sets how far back each round reads: after a build its
  // blocks hold distinct stretches of time, the shortest of any word's (a prefix's rarer words,
  // one or two blocks over all of time, would say little).
  const byWord = new Map<string, number[]>();
  for (const p of plans) {
    for (const at of p.full) {
      const key = p.keys[at]!;
      const times = byWord.get(key[1]) ?? [];
      times.push(key[3]);
      byWord.set(key[1], times);
    }
  }
  const driver = [...byWord.values()].reduce<number[]>((a, b) => (b.length > a.length ? b : a), []).sort((a, b) => b - a);
  let started = false;
  let complete = false;
  return {
    get lists() {
      return plans.map((p) => ({ term: p.term, blocks: p.blocks }));
    },
    get complete() {
      return complete;
    },
    bound: () => plans.reduce((sum, p) => sum + p.best, 0),
    async next(want) {
      const after = want < driver.length ? driver[want]! : -Infinity;
      await Promise.all(
        plans.map(async (p) => {
          const wanted: number[] = [];
          if (!started) p.keys.forEach((k, at) => k[3] === Infinity && wanted.push(at));
          while (p.fullRead < p.full.length && p.keys[p.full[p.fullRead]!]![3] > after) wanted.push(p.full[p.fullRead++]!);
          const read = await readBlocks(store, p.keys, wanted);
          read.forEach((block, i) => {
            if (!block) return;
            p.blocks.push(block);
            if (p.keys[wanted[i]!]![3] === Infinity) p.best = Math.max(p.best, blockWeight(p.term, block));
          });
        }),
      );
      started = true;
      complete = after === -Infinity;
      return after;
    },
  };
}

/**
 * The blocks at these indices of `keys` (in the order asked): neighbours in key order of one
 * account are read as one key range.
 */
async function readBlocks(store: PostingStore, keys: PostingKey[], wanted: number[]): Promise<Array<PostingBlock | undefined>> {
  const sorted = [...wanted].sort((a, b) => a - b);
  const runs: Array<[number, number]> = [];
  for (const at of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[1] === at - 1 && keys[at]![0] === keys[last[0]]![0]) last[1] = at;
    else runs.push([at, at]);
  }
  const byIndex = new Map<number, PostingBlock>();
  await Promise.all(
    runs.map(async ([lo, hi]) => {
      const first = keys[lo]!;
      const last = keys[hi]!;
      if (lo === hi) {
        const block = await store.get(first);
        if (block) byIndex.set(lo, block);
        return;
      }
      const blocks = await store.getAll(IDBKeyRange.bound(first, last));
      blocks.forEach((b, i) => byIndex.set(lo + i, b));
    }),
  );
  return wanted.map((at) => byIndex.get(at));
}
