import type { PostingBlock } from '../db/search-db';

/**
 * The in-memory half of a query (query.ts reads the blocks and the doc records): the terms' posting
 * lists intersected into candidates, and the candidates ranked. At a million messages a common word
 * has hundreds of thousands of postings, so both work on typed arrays: a table indexed by doc
 * number (numbers are small and dense, 1 up to the next one to give) instead of hashing, and a
 * selection of the best `limit` instead of sorting every candidate. Everything is allocated per
 * query and dropped with it (the side panel has a heap budget).
 */

/** Field bits of a posting: the doc's own text, or the participant's name/username. */
export const FIELD_TEXT = 1;
/** A match in the participant's name or username counts less than one in the message itself. */
const PARTICIPANT_WEIGHT = 0.8;

/** One query term and the blocks read for it (for the last term: of every term it prefixes). */
export interface TermBlocks {
  term: string;
  blocks: PostingBlock[];
}

/** Candidates as parallel arrays; entries 0 until `count` are used. */
export interface Candidates {
  count: number;
  nos: Uint32Array;
  times: Float64Array;
  scores: Float64Array;
}

/**
 * The docs that match every term, with their time and score: per term the best of its postings'
 * weights, summed (weights are multiples of 2^-16, so the sum is exact in any order; the time is
 * the rarest term's, of the doc's last posting there). Null when nothing matches.
 * A doc may appear anywhere in a term's blocks: a replaced doc keeps its number and is appended.
 * Only docs newer than `after` are taken (the blocks read hold every posting after it: see plan.ts).
 */
export function intersect(terms: TermBlocks[], after = -Infinity): Candidates | null {
  // Start from the rarest term so that the candidates stay few (a stable sort: ties keep query order).
  const lists = terms.map((t) => ({ ...t, size: size(t.blocks) })).sort((a, b) => a.size - b.size);
  const first = lists[0];
  if (!first || first.size === 0) return null;

  let maxNo = 0;
  for (const b of first.blocks) for (let i = 0; i < b.nos.length; i++) if (b.nos[i]! > maxNo) maxNo = b.nos[i]!;
  // slot[no] is the doc's candidate index + 1 (0: not a candidate).
  const slot = new Int32Array(maxNo + 1);
  const nos = new Uint32Array(first.size);
  const times = new Float64Array(first.size);
  const scores = new Float64Array(first.size);
  let count = 0;
  for (const b of first.blocks) {
    const text = textWeight(first.term, b.term);
    const participant = participantWeight(text);
    const { nos: bNos, times: bTimes, fields: bFields } = b;
    for (let i = 0; i < bNos.length; i++) {
      // Every posting of a doc carries the doc's time: the other terms' postings of a doc left
      // out here are never looked up.
      if (!(bTimes[i]! > after)) continue;
      const no = bNos[i]!;
      const w = bFields[i]! & FIELD_TEXT ? text : participant;
      const s = slot[no]!;
      if (s === 0) {
        slot[no] = ++count;
        nos[count - 1] = no;
        scores[count - 1] = w;
        times[count - 1] = bTimes[i]!;
      } else {
        if (w > scores[s - 1]!) scores[s - 1] = w;
        times[s - 1] = bTimes[i]!;
      }
    }
  }
  if (count === 0) return null;

  for (let t = 1; t < lists.length; t++) {
    const { term, blocks } = lists[t]!;
    // This term's best weight per candidate (0: not found in it).
    const best = new Float64Array(count);
    for (const b of blocks) {
      const text = textWeight(term, b.term);
      const participant = participantWeight(text);
      const { nos: bNos, fields: bFields } = b;
      for (let i = 0; i < bNos.length; i++) {
        const no = bNos[i]!;
        if (no > maxNo) continue;
        const s = slot[no]!;
        if (s === 0) continue;
        const w = bFields[i]! & FIELD_TEXT ? text : participant;
        if (w > best[s - 1]!) best[s - 1] = w;
      }
    }
    // Keep the candidates found in this term, in place.
    let kept = 0;
    for (let j = 0; j < count; j++) {
      const no = nos[j]!;
      if (best[j]! > 0) {
        nos[kept] = no;
        times[kept] = times[j]!;
        scores[kept] = scores[j]! + best[j]!;
        slot[no] = ++kept;
      } else {
        slot[no] = 0;
      }
    }
    count = kept;
    if (count === 0) return null;
  }
  return { count, nos, times, scores };
}

/** Weights are rounded to this step, so that sums of a few of them are exact floats. */
const STEP = 65536;

/**
 * How well `term` matches a block of `blockTerm`, the weight of a posting in the text: an exact
 * match 1, a prefix match of a longer term less.
 */
export function textWeight(term: string, blockTerm: string): number {
  return blockTerm === term ? 1 : Math.round((0.5 + (0.5 * term.length) / blockTerm.length) * STEP) / STEP;
}

/** The weight of the same match in the participant's name or username. */
export function participantWeight(text: number): number {
  return Math.round(text * PARTICIPANT_WEIGHT * STEP) / STEP;
}

function size(blocks: PostingBlock[]): number {
  let n = 0;
  for (const b of blocks) n += b.nos.length;
  return n;
}

/**
 * The ranking's order as a comparator of candidate indices: negative when `a` comes first. Best
 * score first, then newest, then the higher doc number (numbers are unique, so no two tie).
 */
function comparator({ nos, times, scores }: Candidates): (a: number, b: number) => number {
  return (a, b) => scores[b]! - scores[a]! || times[b]! - times[a]! || nos[b]! - nos[a]!;
}

/** A place in the ranking: what a candidate is ranked by. */
export interface RankPoint {
  score: number;
  time: number;
  no: number;
}

/** Candidate `i`'s place in the ranking. */
export function pointOf(c: Candidates, i: number): RankPoint {
  return { score: c.scores[i]!, time: c.times[i]!, no: c.nos[i]! };
}

/**
 * The best `k` candidates in ranking order, among those ranked after `after` (none: all).
 * A heap of the `k` best so far, its worst on top. Candidates are visited from the last: they come
 * in about the order their docs were indexed, which is mostly oldest first, so the newest fill the
 * heap early and most others are turned away by one comparison with its top.
 */
export function best(c: Candidates, k: number, after?: RankPoint): Int32Array {
  const { nos, times, scores } = c;
  const cmp = comparator(c);
  const heap = new Int32Array(Math.min(k, c.count));
  let n = 0;
  if (heap.length === 0) return heap;
  // `after` and the heap's top, unpacked: every candidate is compared with them, and the
  // comparator's expression written out here is about twice as fast as calling it.
  const skip = after !== undefined;
  const aScore = after?.score ?? 0;
  const aTime = after?.time ?? 0;
  const aNo = after?.no ?? 0;
  let topScore = 0;
  let topTime = 0;
  let topNo = 0;
  for (let i = c.count - 1; i >= 0; i--) {
    const score = scores[i]!;
    const time = times[i]!;
    const no = nos[i]!;
    if (skip && (aScore - score || aTime - time || aNo - no) <= 0) continue;
    if (n < heap.length) {
      // Sift up: a parent ranks after its children.
      let at = n++;
      while (at > 0) {
        const up = (at - 1) >> 1;
        if (cmp(heap[up]!, i) >= 0) break;
        heap[at] = heap[up]!;
        at = up;
      }
      heap[at] = i;
    } else if ((topScore - score || topTime - time || topNo - no) < 0) {
      siftDown(heap, n, i, cmp);
    } else {
      continue;
    }
    if (n === heap.length) {
      const top = heap[0]!;
      topScore = scores[top]!;
      topTime = times[top]!;
      topNo = nos[top]!;
    }
  }
  // Take the worst off the top until the heap is empty: the order, from the end.
  const out = new Int32Array(n);
  for (let m = n; m > 0; m--) {
    out[m - 1] = heap[0]!;
    siftDown(heap, m - 1, heap[m - 1]!, cmp);
  }
  return out;
}

/** Puts `item` at the top of the first `n` entries of `heap` and moves it down to its place. */
function siftDown(heap: Int32Array, n: number, item: number, cmp: (a: number, b: number) => number): void {
  let at = 0;
  for (;;) {
    let child = 2 * at + 1;
    if (child >= n) break;
    if (child + 1 < n && cmp(heap[child + 1]!, heap[child]!) > 0) child++;
    if (cmp(heap[child]!, item) <= 0) break;
    heap[at] = heap[child]!;
    at = child;
  }
  heap[at] = item;
}

/** The candidates in ranking order, ranked only as far as they are asked for. */
export interface Ranking {
  /** The candidate index at rank `r`, or -1 past the last. */
  at(r: number): number;
}

/**
 * A ranking for a walk from the best down (or from after `start`) that usually stops early (a conversation filter): the
 * next candidates are selected when first asked for, `first` of them, then each time four times
 * as many as are ranked already: each selection is a pass over every candidate, so a walk deep
 * into the ranking (thousands of reads) costs three passes, not one per chunk it reads.
 */
export function lazyRanking(c: Candidates, first: number, start?: RankPoint): Ranking {
  let order = new Int32Array(0);
  let done = c.count === 0;
  const more = () => {
    const k = Math.max(first, order.length * 4);
    const next = best(c, k, order.length > 0 ? pointOf(c, order[order.length - 1]!) : start);
    // Fewer than asked for: those were the last.
    done = next.length < k;
    const grown = new Int32Array(order.length + next.length);
    grown.set(order);
    grown.set(next, order.length);
    order = grown;
  };
  return {
    at(r) {
      while (r >= order.length && !done) more();
      return r < order.length ? order[r]! : -1;
    },
  };
}

/**
 * The candidates `drop` leaves (by doc number), in the same order, with each one's index in `c`
 * (`from`).
 */
export function without(c: Candidates, drop: (no: number) => boolean): Candidates & { from: Int32Array } {
  const from = new Int32Array(c.count);
  let count = 0;
  for (let i = 0; i < c.count; i++) if (!drop(c.nos[i]!)) from[count++] = i;
  return {
    count,
    from,
    nos: Uint32Array.from(from.subarray(0, count), (i) => c.nos[i]!),
    times: Float64Array.from(from.subarray(0, count), (i) => c.times[i]!),
    scores: Float64Array.from(from.subarray(0, count), (i) => c.scores[i]!),
  };
}
