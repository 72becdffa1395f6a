import type { Conversation } from '@/lib/db/schema';
import { ConversationRow } from './ConversationRow';

interface Props {
  conversations: Conversation[];
  selectedId: string | null;
  now: number;
  timeZone: string | undefined;
  onOpen: (id: string) => void;
}

export function ConversationList({ conversations, selectedId, now, timeZone, onOpen }: Props) {
  return (
    <ul class="conversation-list" aria-label="Conversations">
      {conversations.map((c) => (
        <ConversationRow key={c.id} conversation={c} selected={c.id === selectedId} now={now} timeZone={timeZone} onOpen={onOpen} />
      ))}
    </ul>
  );
}
