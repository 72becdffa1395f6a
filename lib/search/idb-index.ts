import type { IDBPDatabase } from 'idb';
import { DOCS_PER_PAGE, openSearchDB, type DocRecord, type SearchDB } from '../db/search-db';
import { conversationMemo, query } from './query';
import type { SearchDoc, SearchIndex, SearchIndexWriter } from './types';
import { decodeTermFields, docTerms, encodeTerms } from './doc-terms';
import { beginWrite, endWrite, tailCache, type Tail, type TailCache, type WriteTx } from './tails';
import { existingDocs, pageEditor } from './doc-pages';
import { applyPending, type Pending } from './postings';
import { compactIndex } from './compact';

/**
 * An inverted index that lives in its own IndexedDB database, opened (and upgraded) by
 * lib/db/search-db.ts (see README.md for why and for the numbers). Nothing is loaded at startup:
 * a query reads only the posting blocks of its terms.
 *
 * postings: key [accountId, term, blockNo, newest, oldest, text] → the docs containing `term`, as
 *           parallel typed arrays (doc number, createdTime, field bits), in blocks (postings.ts); after a
 *           large build a page puts each term's blocks in time order (compact.ts), so that a query
 *           reads the newest first and stops once its best are certain (plan.ts).
 * docs:     pages of doc records (doc-pages.ts): the message's ids, time and its terms (to undo
 *           them on replace/remove), by doc number.
 * accounts: the accounts that have docs, for queries across all accounts.
 * meta:     'next' doc number; 'gen' counts write transactions (see tails.ts).
 *
 * Large batches (a backfill or an import, thousands of docs per call) cost about one request per
 * doc and one per distinct term: the last block of each term is remembered between writes
 * (tails.ts), and whether a batch's messages are indexed already is read as one key range.
 */

export function openIdbSearchIndex(opts: { dbName?: string } = {}): SearchIndex {
  const connection = openSearchDB(opts.dbName);
  const conversationOf = conversationMemo();
  const write = writer(connection);
  return {
    ...write,
    query: async (q, o) => query(await connection.get(), q, o ?? {}, conversationOf),
    compact: async () => compactIndex(await connection.get(), write.tails),
  };
}

/** Writes only: what the background needs (its bundle leaves the query code out). */
export function openIdbSearchWriter(opts: { dbName?: string } = {}): SearchIndexWriter {
  return writer(openSearchDB(opts.dbName));
}

function writer(connection: ReturnType<typeof openSearchDB>): SearchIndexWriter & { tails: TailCache } {
  const db = () => connection.get();
  const tails = tailCache();
  return {
    tails,
    upsert: async (docs) => upsert(await db(), docs, tails),
    remove: async (ids) =>
      upsert(
        await db(),
        ids.map((messageId) => ({ messageId, removed: true })),
        tails,
      ),
    removeAccount: async (accountId) => removeAccount(await db(), accountId, tails),
  };
}

/** A doc to drop (a deleted note): its terms leave the postings, its record goes. */
interface Removal {
  messageId: string;
  removed: true;
}

async function upsert(db: IDBPDatabase<SearchDB>, input: Array<SearchDoc | Removal>, tails: TailCache): Promise<void> {
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

  const { pending, entry } = pendingTerms();
  const writes: Promise<unknown>[] = [];
  const accounts = new Set<string>();
  const dropped: number[] = [];
  for (const doc of docs) {
    const old = existing.get(doc.messageId);
    if ('removed' in doc) {
      if (old) for (const t of decodeTermFields(old.terms).keys()) entry(old.accountId, t).remove.add(old.no);
      if (old) dropped.push(old.no);
      continue;
    }
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
  writes.push(Promise.all([...records, pages.drop(dropped)]).then(() => pages.flush()));
  for (const accountId of accounts) writes.push(tx.objectStore('accounts').put({ accountId }));
  writes.push(tx.objectStore('meta').put(nextNo, 'next'));
  const written = new Map<string, Tail | null>();
  await endWrite(tx, [...writes, ...applyAll(tx, pending, tails, written)], tails, gen, written);
}

/** What a write removes from and appends to each term (by account and term). */
function pendingTerms() {
  const pending = new Map<string, Pending>();
  const entry = (accountId: string, term: string): Pending => {
    const key = `${accountId}\u0000${term}`;
    let p = pending.get(key);
    if (!p) pending.set(key, (p = { accountId, term, remove: new Set(), add: [] }));
    return p;
  };
  return { pending, entry };
}

/**
 * Starts every term's changes. Every term is its own key range, so all of them are read and
 * written at once (IndexedDB pipelines requests within one transaction).
 */
function applyAll(tx: WriteTx, pending: Map<string, Pending>, tails: TailCache, written: Map<string, Tail | null>): Promise<void>[] {
  return [...pending].map(([key, p]) => applyPending(tx.objectStore('postings'), p, tails.get(key), (tail) => written.set(key, tail)));
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
