import type { OutboxItem } from '@/lib/db/schema';
import { clockTime } from '@/lib/format/time';
import { Spinner } from './Icons';
import { MessageText } from './MessageText';

interface Props {
  item: OutboxItem;
  timeZone: string | undefined;
  onRetry: () => void;
  onEdit: () => void;
  onDiscard: () => void;
}

/** A reply in the outbox: "Sending…", or "Failed" with the reason and Retry / Edit / Delete. */
export function OutboxBubble({ item, timeZone, onRetry, onEdit, onDiscard }: Props) {
  const failed = item.state === 'failed';
  const images = item.uploadIds.length - (item.sentParts.includes('images') ? item.uploadIds.length : 0);
  return (
    <li class={`message own outbox ${item.state}`} data-outbox-id={item.id}>
      <div class="bubble">
        {images > 0 ? <span class="message-kind">{images === 1 ? '1 photo' : `${images} photos`}</span> : null}
        {item.text && !item.sentParts.includes('text') ? <MessageText text={item.text} /> : null}
      </div>
      <div class="message-meta" role={failed ? 'alert' : 'status'}>
        {failed ? (
          <>
            <span class="outbox-failed">Failed — {item.error?.message ?? 'not sent'}</span>{' '}
            <button type="button" class="link-button" onClick={onRetry}>
              Retry
            </button>{' '}
            <button type="button" class="link-button" onClick={onEdit}>
              Edit
            </button>{' '}
            <button type="button" class="link-button" onClick={onDiscard}>
              Delete
            </button>
          </>
        ) : (
          <>
            {clockTime(item.createdAt, timeZone)} · <Spinner size={10} /> Sending…
          </>
        )}
      </div>
    </li>
  );
}
