/**
 * The search over cached messages and notes: an inverted index in its own IndexedDB database
 * ('dm-desk-search', apart from the app's 'dm-desk'; lib/db/search-db.ts opens it). Opening is
 * lazy: nothing is read until the first call, and a query reads only the index entries of its own
 * terms. The search box's filters (`label:`, `is:`) are parsed in filters.ts.
 *
 * Apart from index.ts (what a page needs to draw the search box and its results), so that the
 * side panel loads this after its first rows are painted.
 */
import { openIdbSearchIndex, openIdbSearchWriter } from './idb-index';
import type { SearchIndex, SearchIndexWriter } from './types';

export function openSearchIndex(opts?: { dbName?: string }): SearchIndex {
  return openIdbSearchIndex(opts);
}

/** The same index, for writing only: the background keeps it and never queries it. */
export function openSearchIndexWriter(opts?: { dbName?: string }): SearchIndexWriter {
  return openIdbSearchWriter(opts);
}
