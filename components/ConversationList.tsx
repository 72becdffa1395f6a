import type { Conversation } from '@/lib/db/schema';
import { useEffect } from 'preact/hooks';
import { ConversationRow } from './ConversationRow';
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
}

/** Above this many rows the list renders only what is in view. */
export const VIRTUALIZE_ABOVE = 150;
export const ROW_HEIGHT = 60;

let firstRowsMarked = false;

export function ConversationList({ conversations, selectedId, now, timeZone, humanAgent, showWaiting, unreadIds, onOpen }: Props) {
  useEffect(() => {
    // For the benchmark: when the first rows are on screen (once per page load).
    if (!firstRowsMarked && conversations.length > 0) {
      firstRowsMarked = true;
      performance.mark('dmdesk:first-rows');
    }
  }, [conversations.length > 0]);
  const row = (c: Conversation) => (
    <ConversationRow
      conversation={c}
      selected={c.id === selectedId}
      now={now}
      timeZone={timeZone}
      humanAgent={humanAgent}
      showWaiting={showWaiting}
      unread={unreadIds.has(c.id)}
      onOpen={onOpen}
      bare
    />
  );
  if (conversations.length > VIRTUALIZE_ABOVE) {
    return (
      <VirtualList
        items={conversations}
        rowHeight={ROW_HEIGHT}
        label="Conversations"
        className="conversation-list virtual"
        itemKey={(c) => c.id}
        renderRow={row}
      />
    );
  }
  return (
    <ul class="conversation-list" aria-label="Conversations">
      {conversations.map((c) => (
        <li key={c.id} class="conversation-row-item">
          {row(c)}
        </li>
      ))}
    </ul>
  );
}
