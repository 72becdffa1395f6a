import type { Conversation, Label } from '@/lib/db/schema';
import type { RowDesk } from '@/lib/models/desk-views';
import { useEffect } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { BrokenItem } from './BrokenItem';
import { ConversationRow } from './ConversationRow';
import { ErrorBoundary } from './ErrorBoundary';
import { VirtualList } from './VirtualList';

interface Props {
  conversations: Conversation[];
  selectedId: string | null;
  now: number;
  timeZone: string | undefined;
  humanAgent: boolean;
  /** Show how long each customer has been waiting (the "Needs reply" view). */
  showWaiting: boolean;
  unreadIds: ReadonlySet<string>;
  onOpen: (id: string) => void;
  /** A row came into view (its contact's name is asked for). */
  onRowInView?: (conversation: Conversation) => void;
  /** The labels each row shows as chips. */
  labelsOf?: (conversationId: string) => Label[];
  /** What each row says about its desk state (pinned, snoozed until…, back because…). */
  rowDesk?: (conversation: Conversation) => RowDesk;
  /** The Done view: each row has a Reopen button beside it. */
  onReopen?: (id: string) => void;
}

/** Above this many rows the list renders only what is in view. */
export const VIRTUALIZE_ABOVE = 150;
export const ROW_HEIGHT = 60;

let firstRowsMarked = false;

export function ConversationList({
  conversations,
  selectedId,
  now,
  timeZone,
  humanAgent,
  showWaiting,
  unreadIds,
  onOpen,
  onRowInView,
  labelsOf,
  rowDesk,
  onReopen,
}: Props) {
  const hasRows = conversations.length > 0;
  useEffect(() => {
    // For the benchmark: when the first rows are on screen (once per page load).
    if (!firstRowsMarked && hasRows) {
      firstRowsMarked = true;
      performance.mark('dmdesk:first-rows');
    }
  }, [hasRows]);
  // One row that cannot be drawn (bad stored data) becomes a placeholder; the others still show.
  const row = (c: Conversation) => (
    <ErrorBoundary
      what="A conversation row could not be shown"
      resetKey={c}
      fallback={() => (
        <BrokenItem className="conversation-row" label={t('list.rowBroken')} action={{ text: t('list.openIt'), run: () => onOpen(c.id) }} />
      )}
    >
      <ConversationRow
        conversation={c}
        selected={c.id === selectedId}
        now={now}
        timeZone={timeZone}
        humanAgent={humanAgent}
        showWaiting={showWaiting}
        unread={unreadIds.has(c.id)}
        onOpen={onOpen}
        onInView={onRowInView}
        labels={labelsOf?.(c.id)}
        desk={rowDesk?.(c)}
        bare
      />
      {onReopen ? (
        <button type="button" class="button small row-reopen" onClick={() => onReopen(c.id)}>
          {t('list.reopen')}
        </button>
      ) : null}
    </ErrorBoundary>
  );
  if (conversations.length > VIRTUALIZE_ABOVE) {
    return (
      <VirtualList
        items={conversations}
        rowHeight={ROW_HEIGHT}
        label={t('list.label')}
        className="conversation-list virtual"
        itemKey={(c) => c.id}
        renderRow={row}
      />
    );
  }
  return (
    <ul class="conversation-list" aria-label={t('list.label')}>
      {conversations.map((c) => (
        <li key={c.id} class="conversation-row-item">
          {row(c)}
        </li>
      ))}
    </ul>
  );
}
