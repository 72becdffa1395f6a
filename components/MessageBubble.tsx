import type { Message } from '@/lib/db/schema';
import { kindLabel } from '@/lib/format/text';
import { clockTime, fullDateTime } from '@/lib/format/time';
import { MessageText } from './MessageText';

interface Props {
  message: Pick<Message, 'id' | 'isOwn' | 'text' | 'kind' | 'createdTime'>;
  timeZone: string | undefined;
  status?: string;
}

/** One message: own on the right in blue, received on the left, each with its 12-hour time. */
export function MessageBubble({ message, timeZone, status }: Props) {
  const label = message.kind === 'text' ? null : kindLabel(message.kind, message.isOwn);
  return (
    <li class={`message ${message.isOwn ? 'own' : 'theirs'}`} data-message-id={message.id}>
      <div class={`bubble${label && !message.text ? ' bubble-kind' : ''}`}>
        {label ? <span class="message-kind">{label}</span> : null}
        {message.text ? <MessageText text={message.text} /> : null}
      </div>
      <div class="message-meta">
        <time dateTime={new Date(message.createdTime).toISOString()} title={fullDateTime(message.createdTime, timeZone)}>
          {clockTime(message.createdTime, timeZone)}
        </time>
        {status ? <span class="message-status"> · {status}</span> : null}
      </div>
    </li>
  );
}
