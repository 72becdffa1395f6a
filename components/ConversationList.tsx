import type { Conversation } from '@/lib/db/schema';
import { ConversationRow } from './ConversationRow';

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

export function ConversationList({ conversations, selectedId, now, timeZone, humanAgent, showWaiting, unreadIds, onOpen }: Props) {
  return (
    <ul class="conversation-list" aria-label="Conversations">
      {conversations.map((c) => (
        <ConversationRow
          key={c.id}
          conversation={c}
          selected={c.id === selectedId}
          now={now}
          timeZone={timeZone}
          humanAgent={humanAgent}
          showWaiting={showWaiting}
          unread={unreadIds.has(c.id)}
          onOpen={onOpen}
        />
      ))}
    </ul>
  );
}
