import type { IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import type { QueryOptions, SearchDoc, SearchHit, SearchIndex } from '@/lib/search';
import { openSearchIndex } from '@/lib/search/engine';
import { openSearchDB, type DocPage, type DocRecord, type PostingBlock, type PostingKey, type SearchDB } from '@/lib/db/search-db';
import { overlappingTerms } from '@/lib/search/compact';
import { docIn, pageOf } from '@/lib/search/doc-pages';
import { conversationMemo, MAX_FILTERED_READS, query, type ConversationMemo } from '@/lib/search/query';
import { best, lazyRanking, type Candidates } from '@/lib/search/rank';
import { parseQuery } from '@/lib/search/text';

/**
 * The query intersects and ranks on typed arrays with a top-k selection (lib/search/rank.ts). It
 * must answer exactly what the straightforward way answers: posting lists intersected in Maps and
 * every candidate sorted. That way is written out below and both run over a random index.
 */

interface Candidate {
  no: number;
  time: number;
  score: number;
}

async function reference(db: IDBPDatabase<SearchDB>, q: string, opts: QueryOptions, memo?: ConversationMemo): Promise<SearchHit[]> {
  const { terms, prefix } = parseQuery(q);
  const limit = Math.max(0, Math.floor(opts.limit ?? 50));
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
  const size = (blocks: PostingBlock[]) => blocks.reduce((n, b) => n + b.nos.length, 0);
  lists.sort((a, b) => size(a.blocks) - size(b.blocks));
  let candidates: Map<number, Candidate> | null = null;
  for (const { term, blocks } of lists) {
    const best = new Map<number, number>();
    const times = candidates ? null : new Map<number, number>();
    for (const b of blocks) {
      // Weights are rounded to 2^-16, so that their sums are exact whatever the order.
      const round = (x: number) => Math.round(x * 65536) / 65536;
      const closeness = b.term === term ? 1 : round(0.5 + (0.5 * term.length) / b.term.length);
      for (let i = 0; i < b.nos.length; i++) {
        const no = b.nos[i]!;
        if (candidates && !candidates.has(no)) continue;
        const w = b.fields[i]! & 1 ? closeness : round(closeness * 0.8);
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
  const pages = new Map<number, Promise<DocPage | undefined>>();
  const page = (n: number) => pages.get(n) ?? pages.set(n, docs.get(n)).get(n)!;
  const read = async (slice: Candidate[]) => {
    const records = await Promise.all(slice.map(async (c) => docIn(await page(pageOf(c.no)), c.no)));
    for (const r of records) if (r) memo?.remember(r.no, r.conversationId);
    return records;
  };
  const hit = (r: DocRecord, c: Candidate): SearchHit => ({
    messageId: r.messageId,
    conversationId: r.conversationId,
    accountId: r.accountId,
    createdTime: r.createdTime,
    score: c.score,
  });
  const only = opts.conversationIds;
  if (!only) {
    const slice = ranked.slice(0, limit);
    return (await read(slice)).flatMap((r, i) => (r ? [hit(r, slice[i]!)] : []));
  }
  const passing: Array<{ c: Candidate; r: DocRecord | undefined }> = [];
  let reads = 0;
  let at = 0;
  for (let chunk = Math.max(limit * 2, 200); at < ranked.length && passing.length < limit && reads < MAX_FILTERED_READS; chunk *= 2) {
    // Up to `chunk` docs to read, and no further than enough docs known to pass.
    const unknown: Candidate[] = [];
    let sure = 0;
    let end = at;
    for (; end < ranked.length && unknown.length < Math.min(chunk, MAX_FILTERED_READS - reads) && sure < limit - passing.length; end++) {
      const known = memo?.get(ranked[end]!.no);
      if (known === undefined) unknown.push(ranked[end]!);
      else if (only.has(known)) sure++;
    }
    const fresh = new Map<number, DocRecord>();
    (await read(unknown)).forEach((r) => r && fresh.set(r.no, r));
    reads += unknown.length;
    for (; at < end && passing.length < limit; at++) {
      const c = ranked[at]!;
      const r = fresh.get(c.no);
      const conversationId = r?.conversationId ?? memo?.get(c.no);
      if (conversationId !== undefined && only.has(conversationId)) passing.push({ c, r });
    }
  }
  const missing = passing.filter((p) => !p.r).map((p) => p.c);
  const late = new Map((await read(missing)).flatMap((r) => (r ? [[r.no, r] as const] : [])));
  return passing.flatMap(({ c, r }) => {
    const record = r ?? late.get(c.no);
    return record && only.has(record.conversationId) ? [hit(record, c)] : [];
  });
}

/** A seeded generator (mulberry32), so that a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  // Skewed towards the first entries, so that some words are in most docs and others in a few.
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(xs.length * next() ** 2.5)]!;
  return { next, int, pick };
}

// Words that prefix each other, a few accents and names shared with the participants.
const WORDS = (
  'order orders ordered ore or refund refunded ref ship shipped shipping shipment café cafe cafeteria maria mario marion hi hello ' +
  'help helpful paid pay payment payments box boxes size sizes garcia gar thanks thank vip x delivery deliver late later'
).split(' ');
const NAMES = ['María García', 'Mario Rossi', 'Orla Shipley', 'Hélène Payet', null] as const;
const USERNAMES = ['maria.g', 'mario_r', 'ordermaster', 'pay2win', null] as const;

function randomDocs(seed: number, count: number): SearchDoc[] {
  const r = random(seed);
  return Array.from({ length: count }, (_, i) => ({
    messageId: `m${i}`,
    conversationId: `c${r.int(60)}`,
    accountId: `a${r.int(3)}`,
    // Few distinct times, so that ties on score and time are common (then the doc number decides).
    createdTime: 1_700_000_000_000 + r.int(40) * 1000,
    // 'dm' is in nearly every doc: more matches than a filtered query reads at most.
    text: `${r.next() < 0.97 ? 'dm ' : ''}${Array.from({ length: 1 + r.int(7) }, () => r.pick(WORDS)).join(' ')}`,
    participantName: r.pick(NAMES),
    participantUsername: r.pick(USERNAMES),
  }));
}

/**
 * Replaces `count` docs (they keep their numbers and are appended again, so numbers go out of
 * order in a term; half of them with a new time) and removes 40.
 */
async function edit(index: SearchIndex, docs: SearchDoc[], r: ReturnType<typeof random>, count: number): Promise<void> {
  const changed = Array.from({ length: count }, () => docs[r.int(docs.length)]!).map((d) => ({
    ...d,
    text: `${d.text} ${r.pick(WORDS)}`,
    createdTime: r.next() < 0.5 ? d.createdTime : d.createdTime + 500,
  }));
  for (let i = 0; i < changed.length; i += 37) await index.upsert(changed.slice(i, i + 37));
  await index.remove(Array.from({ length: 40 }, () => `m${r.int(docs.length)}`));
}

function randomQuery(r: ReturnType<typeof random>): string {
  const words = Array.from({ length: 1 + r.int(3) }, () => r.pick(WORDS));
  // The last word often half typed, now and then a word no doc has.
  const last = words[words.length - 1]!;
  if (r.next() < 0.5) words[words.length - 1] = last.slice(0, Math.max(1, r.int(last.length + 1)));
  if (r.next() < 0.05) words.push('nowhere');
  return words.join(' ');
}

function randomOptions(r: ReturnType<typeof random>): QueryOptions {
  const opts: QueryOptions = { limit: r.pick([50, 1, 7, 200, 3000, 10_000]) };
  if (r.next() < 0.3) opts.accountId = `a${r.int(4)}`;
  if (r.next() < 0.6) opts.conversationIds = new Set(Array.from({ length: r.pick([1, 2, 5, 30]) }, () => `c${r.int(62)}`));
  return opts;
}

function randomCandidates(r: ReturnType<typeof random>, count: number): Candidates {
  const nos = Uint32Array.from(new Set(Array.from({ length: count }, () => 1 + r.int(count * 3))));
  return {
    count: nos.length,
    nos,
    times: Float64Array.from(nos, () => 1000 + r.int(20)),
    scores: Float64Array.from(nos, () => r.pick([2, 1.8, 1, 0.8, 0.75, 0.6])),
  };
}

/**
 * The database, counting what a query reads: requests for doc records, posting blocks and block
 * keys (the only calls the query makes on it are listed).
 */
function counting(db: IDBPDatabase<SearchDB>) {
  const count = { docReads: 0, blocks: 0, keys: 0 };
  const counted = {
    transaction: (...args: Parameters<typeof db.transaction>) => {
      const tx = db.transaction(...args);
      return {
        objectStore: (name: 'postings' | 'docs' | 'accounts') => {
          if (name === 'accounts') return tx.objectStore(name);
          if (name === 'docs') {
            const docs = tx.objectStore('docs');
            return {
              get: (page: number) => (count.docReads++, docs.get(page)),
              getAll: (range: IDBKeyRange) => (count.docReads++, docs.getAll(range)),
            };
          }
          const postings = tx.objectStore('postings');
          return {
            getAllKeys: (range: IDBKeyRange) => postings.getAllKeys(range).then((found) => ((count.keys += found.length), found)),
            get: (key: PostingKey) => (count.blocks++, postings.get(key)),
            getAll: (range: IDBKeyRange) => postings.getAll(range).then((found) => ((count.blocks += found.length), found)),
          };
        },
      };
    },
  };
  return {
    db: counted as unknown as IDBPDatabase<SearchDB>,
    reads: () => count.docReads,
    blocks: () => count.blocks,
    keys: () => count.keys,
  };
}

describe('query ranking', () => {
  it('selects the best candidates, and ranks lazily, in the order of a full sort', () => {
    const r = random(4);
    for (let n = 0; n < 60; n++) {
      const c = randomCandidates(r, r.pick([0, 1, 2, 10, 300, 5000]));
      const sorted = Array.from({ length: c.count }, (_, i) => i).sort(
        (a, b) => c.scores[b]! - c.scores[a]! || c.times[b]! - c.times[a]! || c.nos[b]! - c.nos[a]!,
      );
      for (const k of [0, 1, 3, 50, 4999, 10_000]) expect([...best(c, k)]).toEqual(sorted.slice(0, k));
      const ranking = lazyRanking(c, r.pick([1, 7, 200]));
      const walked = [];
      for (let at = 0; ranking.at(at) >= 0; at++) walked.push(ranking.at(at));
      expect(walked).toEqual(sorted);
      expect(ranking.at(c.count + 5)).toBe(-1);
    }
  });

  it('answers exactly what a Map intersection and a full sort answer, over a random index', { timeout: 120_000 }, async () => {
    const name = 'ranking-test';
    const index = openSearchIndex({ dbName: name });
    const docs = randomDocs(1, 4600);
    for (let i = 0; i < docs.length; i += 1000) await index.upsert(docs.slice(i, i + 1000));
    await edit(index, docs, random(2), 300);
    const db = await openSearchDB(name).get();

    // Without memory of conversations, then with one each that both queries keep up to date.
    const memos: Array<[ConversationMemo | undefined, ConversationMemo | undefined]> = [
      [undefined, undefined],
      [conversationMemo(), conversationMemo()],
    ];
    let filteredHits = 0;
    for (const [mine, theirs] of memos) {
      const qr = random(3);
      for (let n = 0; n < 90; n++) {
        const q = randomQuery(qr);
        const opts = randomOptions(qr);
        const expected = await reference(db, q, opts, theirs);
        expect(
          await query(db, q, opts, mine),
          `${q} ${JSON.stringify({ ...opts, conversationIds: [...(opts.conversationIds ?? [])] })}`,
        ).toEqual(expected);
        if (opts.conversationIds) filteredHits += expected.length;
      }
    }
    expect(filteredHits).toBeGreaterThan(100);

    // A very common word under a narrow filter reaches the cap on reads, at the same place (asked
    // twice: the second time, what the first one read is remembered).
    for (const [mine, theirs] of memos) {
      for (const q of ['dm', 'dm', 'or dm', 'dm or', 'd']) {
        const opts = { limit: 200, conversationIds: new Set(['c59']) };
        const hits = await query(db, q, opts, mine);
        expect(hits).toEqual(await reference(db, q, opts, theirs));
        if (q === 'dm' && !mine) {
          // Some of the conversation's matches are further down than the reads reach.
          const all = await reference(db, q, { limit: docs.length });
          expect(hits.length).toBeLessThan(all.filter((h) => h.conversationId === 'c59').length);
        }
      }
    }
  });
  it(
    'reads the newest blocks first and stops once its best are certain: what reading everything answers, from far fewer blocks',
    { timeout: 120_000 },
    async () => {
      const name = 'rounds-test';
      const index = openSearchIndex({ dbName: name });
      const r = random(7);
      // Indexed in an order that says nothing of time (as a backfill goes by message id), with times
      // spread out (and some equal), then put in time order.
      // Most in one account, so that its common words have many full blocks.
      const docs = randomDocs(11, 24_000).map((d) => ({
        ...d,
        accountId: r.next() < 0.9 ? 'a0' : 'a1',
        createdTime: 1_700_000_000_000 + r.int(20_000) * 1000,
      }));
      for (let i = 0; i < docs.length; i += 4000) await index.upsert(docs.slice(i, i + 4000));
      expect(await index.compact()).toBeGreaterThan(5);
      const db = await openSearchDB(name).get();
      expect(overlappingTerms(await db.getAllKeys('postings'))).toEqual([]);
      // Then what a sync brings (newer messages), an old page of history, edits and removals.
      const later = randomDocs(12, 900).map((d, i) => ({
        ...d,
        messageId: `late${i}`,
        createdTime: 1_700_000_000_000 + (i % 9 === 0 ? r.int(20_000) : 20_000 + r.int(500)) * 1000,
      }));
      for (let i = 0; i < later.length; i += 60) await index.upsert(later.slice(i, i + 60));
      await edit(index, docs, r, 200);

      const memos: Array<[ConversationMemo | undefined, ConversationMemo | undefined]> = [
        [undefined, undefined],
        [conversationMemo(), conversationMemo()],
      ];
      for (const [mine, theirs] of memos) {
        const qr = random(8);
        for (let n = 0; n < 70; n++) {
          const q = randomQuery(qr);
          const opts = randomOptions(qr);
          const label = `${q} ${JSON.stringify({ ...opts, conversationIds: [...(opts.conversationIds ?? [])] })}`;
          const got = await query(db, q, opts, mine);
          const want = await reference(db, q, opts, theirs);
          expect(got, label).toEqual(want);
        }
      }

      // A word in nearly every doc, a common pair, a common prefix: a few of their blocks are read.
      const counted = counting(db);
      const blocks = counted.blocks;
      const keys = await db.getAllKeys('postings');
      const blocksOf = (q: string, accountId?: string) => {
        const { terms, prefix } = parseQuery(q);
        return keys.filter(
          (k) =>
            (accountId === undefined || k[0] === accountId) &&
            terms.some((t, i) => (prefix && i === terms.length - 1 ? k[1].startsWith(t) : k[1] === t)),
        ).length;
      };
      for (const [q, opts] of [
        ['dm', {}],
        ['dm order', {}],
        ['dm or', { accountId: 'a0' }],
        ['dm', { conversationIds: new Set(['c1', 'c2', 'c3', 'c4', 'c5', 'c6']) }],
      ] as const) {
        const before = blocks();
        const hits = await query(counted.db, q, opts);
        expect(hits, q).toEqual(await reference(db, q, opts));
        expect(hits.length).toBe(50);
        const total = blocksOf(q, 'accountId' in opts ? opts.accountId : undefined);
        expect(blocks() - before, q).toBeLessThan(total / 2);
      }
      // A prefix whose own word gives the best weight leaves the keys of its longer words unread.
      const own = keys.filter((k) => k[1] === 'dm' || k[1] === 'order').length;
      expect(blocksOf('dm order')).toBeGreaterThan(own);
      const keysBefore = counted.keys();
      expect(await query(counted.db, 'dm order', {})).toEqual(await reference(db, 'dm order', {}));
      expect(counted.keys() - keysBefore).toBe(own);
    },
  );

  it('keeps exactly the hits of the conversations allowed, best first, and answers again from memory without reading docs', async () => {
    const name = 'memo-test';
    const index = openSearchIndex({ dbName: name });
    await index.upsert(randomDocs(5, 1500));
    const { db, reads } = counting(await openSearchDB(name).get());
    const memo = conversationMemo();
    for (const [q, only] of [
      ['dm', new Set(['c3', 'c17', 'c40'])],
      ['dm or', new Set(['c3'])],
      ['ship', new Set(['c3', 'c17', 'c40', 'c41', 'c59'])],
    ] as const) {
      const everything = await reference(await openSearchDB(name).get(), q, { limit: 5000 });
      const expected = everything.filter((h) => only.has(h.conversationId)).slice(0, 50);
      expect(expected.length).toBeGreaterThan(5);
      expect(await query(db, q, { limit: 50, conversationIds: only }, memo)).toEqual(expected);
      const before = reads();
      expect(await query(db, q, { limit: 50, conversationIds: only }, memo)).toEqual(expected);
      expect(reads()).toBe(before);
      // A narrower filter over the same words, no deeper than the first query went: from memory too.
      const one = new Set([[...only][0]!]);
      const top = everything.filter((h) => one.has(h.conversationId)).slice(0, 3);
      expect(await query(db, q, { limit: 3, conversationIds: one }, memo)).toEqual(top);
      expect(reads()).toBe(before);
    }
  });
});
