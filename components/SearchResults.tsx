import type { Account, Label } from '@/lib/db/schema';
import type { SearchResult } from '@/lib/models/search';
import { t } from '@/lib/i18n';
import { formatNumber } from '@/lib/format/numbers';
import { parseSearchInput } from '@/lib/search';
import { EmptyState } from './EmptyState';
import { SearchResultRow } from './SearchResultRow';

interface Props {
  query: string;
  results: SearchResult[];
  accounts: Account[];
  showAccount: boolean;
  /** Why there is nothing to show when it is not "no matches" (an unknown label or filter). */
  notice?: string | null;
  /** How many conversations the filters matched in all, when the list shows filters alone. */
  total?: number | null;
  labels?: ReadonlyMap<string, Label>;
  now: number;
  timeZone: string | undefined;
  onOpen: (r: SearchResult) => void;
}

/** Search hits (messages, notes, or the conversations a filter matched), with the terms marked. */
export function SearchResults({ query, results, accounts, showAccount, notice, total, labels, now, timeZone, onOpen }: Props) {
  if (notice) {
    return (
      <EmptyState title={t('search.nothingToShow')}>
        <p>{notice}</p>
      </EmptyState>
    );
  }
  if (results.length === 0) {
    return (
      <EmptyState title={t('search.noMatchesTitle')}>
        <p>{t('search.noMatchesBody', { query })}</p>
      </EmptyState>
    );
  }
  const username = new Map(accounts.map((a) => [a.id, a.username]));
  const words = parseSearchInput(query).words;
  return (
    <>
      {total != null && total > results.length ? (
        <p class="search-count muted" role="status">
          {t('search.newestOf', total, { shown: formatNumber(results.length), total: formatNumber(total) })}
        </p>
      ) : null}
      <ul class="conversation-list search-results" aria-label={t('search.resultsLabel')}>
        {results.map((r) => (
          <li key={r.key}>
            <SearchResultRow
              result={r}
              words={words}
              accountName={showAccount ? username.get(r.conversation.accountId) : undefined}
              labels={labels ?? new Map()}
              now={now}
              timeZone={timeZone}
              onOpen={onOpen}
            />
          </li>
        ))}
      </ul>
    </>
  );
}
