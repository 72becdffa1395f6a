import type { Account } from '@/lib/db/schema';
import { kindLabel, participantName } from '@/lib/format/text';
import { fullDateTime, relativeTime } from '@/lib/format/time';
import type { SearchResult } from '@/lib/models/search';
import { Avatar } from './Avatar';
import { EmptyState } from './EmptyState';
import { HighlightedText } from './HighlightedText';

interface Props {
  query: string;
  results: SearchResult[];
  accounts: Account[];
  showAccount: boolean;
  now: number;
  timeZone: string | undefined;
  onOpen: (r: SearchResult) => void;
}

/** Search hits: the conversation, the matching message with the terms marked, and its date. */
export function SearchResults({ query, results, accounts, showAccount, now, timeZone, onOpen }: Props) {
  if (results.length === 0) {
    return (
      <EmptyState title="No matches">
        <p>Nothing in the saved messages matches “{query}”.</p>
      </EmptyState>
    );
  }
  const username = new Map(accounts.map((a) => [a.id, a.username]));
  return (
    <ul class="conversation-list search-results" aria-label="Search results">
      {results.map((r) => {
        const name = participantName(r.conversation.participant);
        const text = r.message.text || kindLabel(r.message.kind, r.message.isOwn);
        return (
          <li key={r.hit.messageId}>
            <button type="button" class="conversation-row search-result" onClick={() => onOpen(r)}>
              <Avatar name={name} seed={r.conversation.participant.id} />
              <span class="row-main">
                <span class="row-top">
                  <span class="row-name">
                    <HighlightedText text={name} query={query} />
                    {showAccount ? <span class="muted"> · @{username.get(r.hit.accountId)}</span> : null}
                  </span>
                  <time class="row-time" title={fullDateTime(r.message.createdTime, timeZone)}>
                    {relativeTime(r.message.createdTime, now, timeZone)}
                  </time>
                </span>
                <span class="result-text">
                  {r.message.isOwn ? 'You: ' : ''}
                  <HighlightedText text={text} query={query} />
                </span>
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
