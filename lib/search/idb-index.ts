import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { DOCS_PER_PAGE, openSearchDB, type DocRecord, type PostingBlock, type SearchDB } from '../db/search-db';
import { conversationMemo, query } from './query';
import type { SearchDoc, SearchIndex, SearchIndexWriter } from './types';
import { decodeTermFields, docTerms, encodeTerms } from './doc-terms';
import { tailCache, type Tail, type TailCache } from './tails';
import { existingDocs, pageEditor } from './doc-pages';

/**
 * An inverted index that lives in its own IndexedDB database, opened (and upgraded) by
 * lib/db/search-db.ts (see README.md for why and for the numbers). Nothing is loaded at startup:
 * a query reads only the posting blocks of its terms.
 *
 * postings: key [accountId, term, block] → the docs containing `term`, as parallel typed arrays
 *           (doc number, createdTime, field bits). A term's docs are split into blocks of at most
 *           BLOCK_SIZE so that appending a message rewrites one small block, not the whole list.
 * docs:     pages of doc records (doc-pages.ts): the message's ids, time and its terms (to undo
 *           them on replace/remove), by doc number.
 * accounts: the accounts that have docs, for queries across all accounts.
 * meta:     'next' doc number; 'gen' counts write transactions (see tails.ts).
 *
 * Large batches (a backfill or an import, thousands of docs per call) cost about one request per
 * doc and one per distinct term: the last block of each term is remembered between writes
 * (tails.ts), and whether a batch's messages are indexed already is read as one key range.
 */

const BLOCK_SIZE = 1024;

type WriteTx = IDBPTransaction<SearchDB, ('postings' | 'docs' | 'accounts' | 'meta')[], 'readwrite'>;

export function openIdbSearchIndex(opts: { dbName?: string } = {}): SearchIndex {
  const connection = openSearchDB(opts.dbName);
  const conversationOf = conversationMemo();
  return { ...writer(connection), query: async (q, o) => query(await connection.get(), q, o ?? {}, conversationOf) };
}

/** Writes only: what the background needs (its bundle leaves the query code out). */
export function openIdbSearchWriter(opts: { dbName?: string } = {}): SearchIndexWriter {
  return writer(openSearchDB(opts.dbName));
}

function writer(connection: ReturnType<typeof openSearchDB>): SearchIndexWriter {
  const db = () => connection.get();
  const tails = tailCache();
  return {
    upsert: async (docs) => upsert(await db(), docs, tails),
    remove: async (ids) => remove(await db(), ids, tails),
    removeAccount: async (accountId) => removeAccount(await db(), accountId, tails),
  };
}

interface Pending {
  accountId: string;
  term: string;
  remove: Set<number>;
  add: Array<{ no: number; time: number; fields: number }>;
}

/** Starts a write: the generation it will leave, and the tails it may trust (see tails.ts). */
async function beginWrite(tx: WriteTx, tails: TailCache): Promise<number> {
  const gen = await tx.objectStore('meta').get('gen');
  tails.check(gen);
  const next = (gen ?? 0) + 1;
  await tx.objectStore('meta').put(next, 'gen');
  return next;
}

/** Waits for the transaction, then keeps (or, when it failed, forgets) the tails it wrote. */
async function endWrite(
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

async function upsert(db: IDBPDatabase<SearchDB>, input: SearchDoc[], tails: TailCache): Promise<void> {
  // The last version of a message in one batch wins.
  const docs = [...new Map(input.map((d) => [d.messageId, d])).values()];
  if (docs.length === 0) return;
  const tx = db.transaction(['postings', 'docs', 'accounts', 'meta'], 'readwrite');
  const pages = pageEditor(tx.objectStore('docs'));
  const [gen, existing, next] = await Promise.all([
    beginWrite(tx, tails),
    existingDocs(
      tx.objectStore('docs').index('by-message'),
      docs.map((d) => d.messageId),
      pages,
    ),
    tx.objectStore('meta').get('next'),
  ]);
  const records: Promise<void>[] = [];
  let nextNo = next ?? 1;
  // Pages past the last number given out hold nothing yet: new docs' pages are not read.
  pages.unusedFrom(Math.ceil(nextNo / DOCS_PER_PAGE));

  const pending = new Map<string, Pending>();
  const entry = (accountId: string, term: string) => {
    const key = `${accountId}\u0000${term}`;
    let p = pending.get(key);
    if (!p) pending.set(key, (p = { accountId, term, remove: new Set(), add: [] }));
    return p;
  };
  const writes: Promise<unknown>[] = [];
  const accounts = new Set<string>();
  for (const doc of docs) {
    const old = existing.get(doc.messageId);
    const terms = docTerms(doc);
    const encoded = encodeTerms(terms);
    if (
      old &&
      old.terms === encoded &&
      old.createdTime === doc.createdTime &&
      old.accountId === doc.accountId &&
      old.conversationId === doc.conversationId
    ) {
      continue; // Unchanged: upserting the same message again is a no-op.
    }
    const no = old?.no ?? nextNo++;
    // The same message in the same place with other terms (most often its contact's name arrived)
    // changes only the terms that came, went or moved field: dropping a doc from a term reads all
    // its blocks, so the words of the text (some in most of a million messages) are left alone.
    const same = old?.createdTime === doc.createdTime && old.accountId === doc.accountId;
    const before = old ? decodeTermFields(old.terms) : new Map<string, number>();
    for (const [t, fields] of before) if (!same || terms.get(t) !== fields) entry(old!.accountId, t).remove.add(no);
    for (const [t, fields] of terms)
      if (!same || before.get(t) !== fields) entry(doc.accountId, t).add.push({ no, time: doc.createdTime, fields });
    accounts.add(doc.accountId);
    const record: DocRecord = {
      no,
      messageId: doc.messageId,
      conversationId: doc.conversationId,
      accountId: doc.accountId,
      createdTime: doc.createdTime,
      terms: encoded,
    };
    records.push(pages.put(record));
  }
  writes.push(Promise.all(records).then(() => pages.flush()));
  for (const accountId of accounts) writes.push(tx.objectStore('accounts').put({ accountId }));
  writes.push(tx.objectStore('meta').put(nextNo, 'next'));
  // Every term is its own key range, so all of them are read and written at once (IndexedDB
  // pipelines requests within one transaction).
  const written = new Map<string, Tail | null>();
  for (const [key, p] of pending) writes.push(applyPending(tx, p, tails.get(key), (tail) => written.set(key, tail)));
  await endWrite(tx, writes, tails, gen, written);
}

/**
 * Removes and appends one term's docs. `known` is the term's last block as remembered from an
 * earlier write of this generation (no read needed to append); `left` is told the last block this
 * write leaves.
 */
async function applyPending(tx: WriteTx, p: Pending, known: Tail | undefined, left: (tail: Tail | null) => void): Promise<void> {
  const store = tx.objectStore('postings');
  const range = IDBKeyRange.bound([p.accountId, p.term], [p.accountId, p.term, []]);
  let tail: Tail | null = null;
  if (p.remove.size > 0) {
    // A replaced doc: drop it from every block of the term (rare: edits and re-syncs).
    const adding = new Set(p.add.map((a) => a.no));
    const drop = new Set([...p.remove, ...adding]);
    let cursor = await store.openCursor(range);
    while (cursor) {
      const kept = filterBlock(cursor.value, (no) => !drop.has(no));
      if (kept.nos.length === 0) await cursor.delete();
      else if (kept !== cursor.value) await cursor.update(kept);
      if (kept.nos.length > 0) tail = { blockNo: cursor.key[2], block: kept };
      cursor = await cursor.continue();
    }
  } else if (known) {
    tail = known;
  } else {
    // New docs only: they have fresh numbers, so they can only be appended to the last block.
    const cursor = await store.openCursor(range, 'prev');
    if (cursor) tail = { blockNo: cursor.key[2], block: cursor.value };
  }
  if (p.add.length === 0) {
    // Whatever is left is the term's tail (none: the term has no block left).
    left(tail);
    return;
  }
  let blockNo = tail?.blockNo ?? 0;
  let block = tail?.block ?? emptyBlock(p.term);
  for (let i = 0; i < p.add.length;) {
    const room = BLOCK_SIZE - block.nos.length;
    if (room <= 0) {
      block = emptyBlock(p.term);
      blockNo++;
      continue;
    }
    const chunk = p.add.slice(i, i + room);
    block = appendBlock(block, chunk);
    await store.put(block, [p.accountId, p.term, blockNo]);
    i += chunk.length;
  }
  left({ blockNo, block });
}

function emptyBlock(term: string): PostingBlock {
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

async function removeAccount(db: IDBPDatabase<SearchDB>, accountId: string, tails: TailCache): Promise<void> {
  const tx = db.transaction(['postings', 'docs', 'accounts', 'meta'], 'readwrite');
  const docs = tx.objectStore('docs');
  const pages = pageEditor(docs);
  const [gen, touched] = await Promise.all([beginWrite(tx, tails), docs.index('by-account').getAll(accountId)]);
  for (const page of touched) pages.known(page);
  const nos = touched.flatMap((page) => page.docs.filter((d) => d.accountId === accountId).map((d) => d.no));
  const work = [
    tx.objectStore('postings').delete(IDBKeyRange.bound([accountId], [accountId, []])),
    tx.objectStore('accounts').delete(accountId),
    pages.drop(nos).then(() => pages.flush()),
  ];
  // Rare: every remembered tail is forgotten rather than sorted out by account.
  tails.clear();
  await endWrite(tx, work, tails, gen, new Map());
}

/** Drops single docs (a deleted note): their terms leave the postings, their records go. */
async function remove(db: IDBPDatabase<SearchDB>, ids: string[], tails: TailCache): Promise<void> {
  if (ids.length === 0) return;
  const tx = db.transaction(['postings', 'docs', 'accounts', 'meta'], 'readwrite');
  const pages = pageEditor(tx.objectStore('docs'));
  const [gen, existing] = await Promise.all([
    beginWrite(tx, tails),
    existingDocs(tx.objectStore('docs').index('by-message'), [...new Set(ids)], pages),
  ]);
  const records = [...existing.values()];
  const pending = new Map<string, Pending>();
  for (const r of records) {
    for (const term of decodeTermFields(r.terms).keys()) {
      const key = `${r.accountId}\u0000${term}`;
      const p = pending.get(key) ?? { accountId: r.accountId, term, remove: new Set<number>(), add: [] };
      p.remove.add(r.no);
      pending.set(key, p);
    }
  }
  const written = new Map<string, Tail | null>();
  const work: Promise<unknown>[] = [pages.drop(records.map((r) => r.no)).then(() => pages.flush())];
  for (const [key, p] of pending) work.push(applyPending(tx, p, undefined, (tail) => written.set(key, tail)));
  await endWrite(tx, work, tails, gen, written);
}
