import { openIdbSearchIndex } from './idb-index';
import type { SearchIndex } from './types';

export type { SearchDoc, SearchHit, SearchIndex } from './types';
export { normalizeForSearch, highlightRanges } from './text';

/**
 * The search over cached messages: an inverted index in its own IndexedDB database
 * ('dm-desk-search', apart from the app's 'dm-desk'; lib/db/search-db.ts opens it). Opening is
 * lazy: nothing is read until the first call, and a query reads only the index entries of its own
 * terms.
 */
export function openSearchIndex(opts?: { dbName?: string }): SearchIndex {
  return openIdbSearchIndex(opts);
}
