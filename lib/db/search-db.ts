/**
 * The search index's database, 'dm-desk-search': apart from the app's 'dm-desk' so that the index
 * can be rebuilt or dropped without touching the cache. Its layout is explained in
 * lib/search/README.md; lib/search reads and writes it, and opens it only through here.
 */
import type { DBSchema, IDBPDatabase } from 'idb';
import { connection, type Connection } from './connection';

export const SEARCH_DB_NAME = 'dm-desk-search';
export const SEARCH_DB_VERSION = 3;
/** Doc records are kept this many to a `docs` record (a page): one write per page, not per message. */
export const DOCS_PER_PAGE = 32;

/**
 * A posting block's key: [accountId, term, blockNo, newest, oldest, text].
 * - `newest` / `oldest`: bounds of the block's times (its newest and oldest when it was last
 *   written full), or Infinity / -Infinity for a term's open block, the last one, that appends
 *   still go to. A query reads the blocks whose `newest` is after a time first, and needs no other
 *   block for the docs after it; blocks whose times overlap are put in order again (compact.ts).
 * - `text`: 1 when a posting in the block may be of a message's text, 0 when all are of the
 *   participant's name or username (such a block can only add the lower participant weight).
 */
export type PostingKey = [accountId: string, term: string, blockNo: number, newest: number, oldest: number, text: number];

export interface PostingBlock {
  /** The term, so that a prefix scan knows which term each block belongs to. */
  term: string;
  nos: Uint32Array;
  times: Float64Array;
  fields: Uint8Array;
}

export interface DocRecord {
  no: number;
  messageId: string;
  conversationId: string;
  accountId: string;
  createdTime: number;
  /** `term\u0002fields` entries joined by '\u0001': what this doc added to `postings`. */
  terms: string;
}

/** The doc records numbered `page * DOCS_PER_PAGE` up to the next page, with what the indexes need. */
export interface DocPage {
  page: number;
  docs: DocRecord[];
  /** The docs' message ids (multiEntry index 'by-message'). */
  ids: string[];
  /** Their accounts, once each (multiEntry index 'by-account'). */
  accounts: string[];
}

export interface SearchDB extends DBSchema {
  /** PostingKey → up to a block's worth of the docs containing the term. */
  postings: { key: PostingKey; value: PostingBlock };
  /** page number → up to DOCS_PER_PAGE doc records. */
  docs: { key: number; value: DocPage; indexes: { 'by-message': string; 'by-account': string } };
  accounts: { key: string; value: { accountId: string } };
  meta: { key: string; value: number };
}

export function upgradeSearchDB(db: IDBPDatabase<SearchDB>, oldVersion: number): void {
  if (oldVersion < 3) {
    // Version 1 kept one record per doc; version 2 keyed posting blocks without their times. The
    // index is derived from the cache: it is dropped and built again by the background's backfill
    // (its flag moves to a new key with each of these versions).
    for (const name of [...db.objectStoreNames]) db.deleteObjectStore(name);
    db.createObjectStore('postings');
    const docs = db.createObjectStore('docs', { keyPath: 'page' });
    docs.createIndex('by-message', 'ids', { unique: true, multiEntry: true });
    docs.createIndex('by-account', 'accounts', { multiEntry: true });
    db.createObjectStore('accounts', { keyPath: 'accountId' });
    db.createObjectStore('meta');
  }
}

/**
 * A lazily opened connection to a search database (`name` is for tests and benchmarks that keep
 * their own). Like the app's database it never blocks an upgrade from another page.
 */
export function openSearchDB(name = SEARCH_DB_NAME): Connection<SearchDB> {
  return connection<SearchDB>(name, SEARCH_DB_VERSION, (db, oldVersion) => upgradeSearchDB(db, oldVersion));
}
