import type { IDBPObjectStore } from 'idb';
import type { PostingBlock, PostingKey, SearchDB } from '../db/search-db';
import { FIELD_TEXT, participantWeight, textWeight, type TermBlocks } from './rank';

/**
 * Which posting blocks a query reads, newest and best first. Every block's key carries bounds of
 * its times and whether it may hold text postings (lib/db/search-db.ts):
 * - Time: the blocks whose newest time is after a time `after` hold every posting of every doc newer
 *   than it. So a query reads those, ranks the docs newer than `after` exactly, and when its best
 *   are certain (no older doc can score as well: see `bound`) it stops; otherwise `after` moves
 *   back. `after` is set by the word with the most full blocks: the newest time of its block just
 *   past the `want` newest (after a build its blocks hold distinct stretches of time).
 * - Weight: each block can give at most its word's closeness to the term (as text, unless every
 *   posting in it is of a name). A doc can only reach the best score a query can give (the bound)
 *   through the blocks of each term that can give the term's best weight, so those are read first
 *   ("top" blocks): a prefix such as "coffee" reads the blocks of "coffee", not of the thousands of
 *   usernames like "coffee4821". An open block's fields are known once it is read, which may lower
 *   its term's best weight and make other blocks top ones: those are read in the same round.
 * When the top blocks of every time are read and fewer than `limit` docs reach the bound, every
 * other block is read too (a full read).
 */

type PostingStore = IDBPObjectStore<SearchDB, ArrayLike<'postings' | 'docs' | 'accounts'>, 'postings', 'readonly'>;

interface BlockInfo {
  /** Its index in the term's `keys`. */
  at: number;
  newest: number;
  /** The most a posting in it can weigh (exact for a block read). */
  weight: number;
  read: boolean;
}

interface TermPlan {
  term: string;
  /** Every block of the term (of each word it prefixes, of every account), in key order. */
  keys: PostingKey[];
  /** Every block known: newest first (open ones, newest Infinity, first of all). */
  infos: BlockInfo[];
  blocks: PostingBlock[];
  /** A prefix's longer words, keys not read yet: how to read them, and the most they weigh. */
  longer: (() => Promise<PostingKey[]>) | null;
  longerWeight: number;
}

/** Adds block keys to a term's plan. */
function add(p: TermPlan, keys: PostingKey[]): void {
  for (const key of keys) p.infos.push({ at: p.keys.push(key) - 1, newest: key[3], weight: keyWeight(p.term, key), read: false });
  p.infos.sort((a, b) => b.newest - a.newest);
}

async function addLonger(p: TermPlan): Promise<void> {
  const read = p.longer;
  p.longer = null;
  if (read) add(p, await read());
}

export interface BlockPlan {
  /** Reads what a threshold needs (see above) and answers the threshold. */
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

const bestOf = (p: TermPlan): number => p.infos.reduce((m, b) => Math.max(m, b.weight), p.longer ? p.longerWeight : 0);

/** The plan of a query, from its terms' block keys; null when a term has no block at all. */
export async function planBlocks(store: PostingStore, accounts: string[], terms: string[], prefix: boolean): Promise<BlockPlan | null> {
  // A prefix's own word first: the words it starts can weigh no more than `longer` (one letter
  // longer), so while its own word can give more, their keys (thousands, for a name) wait.
  const keysOf = async (ranges: IDBKeyRange[]) => (await Promise.all(ranges.map((r) => store.getAllKeys(r)))).flat();
  const plans: TermPlan[] = await Promise.all(
    terms.map(async (term, i) => {
      const prefixed = prefix && i === terms.length - 1;
      const p: TermPlan = { term, keys: [], infos: [], blocks: [], longer: null, longerWeight: 0 };
      add(p, await keysOf(accounts.map((a) => IDBKeyRange.bound([a, term], [a, term, []]))));
      if (prefixed) {
        p.longer = () => keysOf(accounts.map((a) => IDBKeyRange.bound([a, `${term}\u0000`], [a, `${term}\uffff`])));
        p.longerWeight = textWeight(term, `${term}_`);
        // Without its own word, the longer words are all there is.
        if (p.keys.length === 0) await addLonger(p);
      }
      return p;
    }),
  );
  if (plans.some((p) => p.keys.length === 0)) return null;
  let topOnly = true;
  let complete = false;

  /** The newest times of the full top blocks of the word that has the most, newest first. */
  const driver = (): number[] => {
    const byWord = new Map<string, number[]>();
    for (const p of plans) {
      const best = bestOf(p);
      for (const b of p.infos) {
        if (b.newest === Infinity || b.weight < best) continue;
        const word = p.keys[b.at]![1];
        const times = byWord.get(word) ?? [];
        times.push(b.newest);
        byWord.set(word, times);
      }
    }
    return [...byWord.values()].reduce<number[]>((a, b) => (b.length > a.length ? b : a), []).sort((a, b) => b - a);
  };

  return {
    get lists() {
      return plans.map((p) => ({ term: p.term, blocks: p.blocks }));
    },
    get complete() {
      return complete;
    },
    bound: () => plans.reduce((sum, p) => sum + bestOf(p), 0),
    async next(want) {
      const times = topOnly ? driver() : [];
      const after = want < times.length ? times[want]! : -Infinity;
      // Read until no term has a block left that this round wants (reading open blocks may lower
      // a term's best weight, and so want more of its blocks).
      for (let more = true; more;) {
        more = false;
        await Promise.all(
          plans.map(async (p) => {
            if (p.longer && (!topOnly || p.longerWeight >= bestOf(p))) {
              await addLonger(p);
              more = true;
            }
            const best = bestOf(p);
            const wanted = p.infos.filter((b) => !b.read && b.newest > after && (!topOnly || b.weight >= best));
            if (wanted.length === 0) return;
            more = true;
            const read = await readBlocks(
              store,
              p.keys,
              wanted.map((b) => b.at),
            );
            read.forEach((block, i) => {
              const info = wanted[i]!;
              info.read = true;
              if (!block) return;
              p.blocks.push(block);
              info.weight = blockWeight(p.term, block);
            });
          }),
        );
      }
      if (after === -Infinity) {
        complete = !topOnly || plans.every((p) => !p.longer && p.infos.every((b) => b.read));
        // Every top block is read: what is left is the other blocks, all of them.
        topOnly = false;
      }
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
