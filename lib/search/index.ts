/**
 * The search over cached messages and notes, its light half: parsing what is typed, highlighting,
 * the notes' docs. The index itself (reading and writing it) is in engine.ts, apart, so that a
 * page can load it after its first paint.
 */
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
