import { openIdbSearchIndex, openIdbSearchWriter } from './idb-index';
import type { SearchIndex, SearchIndexWriter } from './types';

export type { QueryOptions, SearchDoc, SearchHit, SearchIndex, SearchIndexWriter } from './types';
export { normalizeForSearch, highlightRanges } from './text';
export { noteDocId, noteIdOf, noteSearchDoc } from './notes';
export {
  parseSearchInput,
  hasFilters,
  sameLabelName,
  labelSuggestions,
  completeLabel,
  filterHelp,
  STATUS_FILTERS,
  type ParsedSearch,
  type StatusFilter,
} from './filters';

/**
 * The search over cached messages and notes: an inverted index in its own IndexedDB database
 * ('dm-desk-search', apart from the app's 'dm-desk'; lib/db/search-db.ts opens it). Opening is
 * lazy: nothing is read until the first call, and a query reads only the index entries of its own
 * terms. The search box's filters (`label:`, `is:`) are parsed in filters.ts.
 */
export function openSearchIndex(opts?: { dbName?: string }): SearchIndex {
  return openIdbSearchIndex(opts);
}

/** The same index, for writing only: the background keeps it and never queries it. */
export function openSearchIndexWriter(opts?: { dbName?: string }): SearchIndexWriter {
  return openIdbSearchWriter(opts);
}
