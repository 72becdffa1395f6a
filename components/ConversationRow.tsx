import type { Conversation } from '@/lib/db/schema';
import { participantName, previewOf } from '@/lib/format/text';
import { fullDateTime, relativeTime } from '@/lib/format/time';
import { Avatar } from './Avatar';

interface Props {
  conversation: Conversation;
  selected: boolean;
  now: number;
  timeZone: string | undefined;
  onOpen: (id: string) => void;
}

export function ConversationRow({ conversation, selected, now, timeZone, onOpen }: Props) {
  const name = participantName(conversation.participant);
  const preview = previewOf(conversation.lastMessage);
  return (
    <li class="conversation-row-item">
      <button
        type="button"
        class={`conversation-row${selected ? ' selected' : ''}`}
        aria-current={selected ? 'true' : undefined}
        onClick={() => onOpen(conversation.id)}
      >
        <Avatar name={name} seed={conversation.participant.id} />
        <span class="row-main">
          <span class="row-top">
            <span class="row-name">{name}</span>
            <time
              class="row-time"
              dateTime={new Date(conversation.updatedTime).toISOString()}
              title={fullDateTime(conversation.updatedTime, timeZone)}
            >
              {relativeTime(conversation.updatedTime, now, timeZone)}
            </time>
          </span>
          <span class="row-preview">{preview}</span>
        </span>
      </button>
    </li>
  );
}
