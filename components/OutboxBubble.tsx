import type { OutboxItem } from '@/lib/db/schema';
import { formatNumber } from '@/lib/format/numbers';
import { clockTime } from '@/lib/format/time';
import { t } from '@/lib/i18n';
import { outboxStatus } from '@/lib/outbox/status';
import { Spinner } from './Icons';
import { MessageText } from './MessageText';

interface Props {
  item: OutboxItem;
  timeZone: string | undefined;
  onRetry: () => void;
  onEdit: () => void;
  onDiscard: () => void;
  /** For tests: the time the bubble is drawn at. */
  now?: number;
}

/**
 * A reply in the outbox: "Sending…"; "Checking whether it was sent…" while Meta's answer is
 * unknown (no Retry: it could arrive twice); waiting for Instagram's rate limit; or "Failed" with
 * the reason and Retry / Edit / Delete.
 */
export function OutboxBubble({ item, timeZone, onRetry, onEdit, onDiscard, now = Date.now() }: Props) {
  const status = outboxStatus(item, now);
  const imagesLeft = item.sentParts.includes('images') ? 0 : item.uploadIds.length;
  return (
    <li class={`message own outbox ${item.state}`} data-outbox-id={item.id}>
      <div class="bubble">
        {imagesLeft > 0 ? (
          <span class="message-kind">{t('message.pendingPhotos', imagesLeft, { count: formatNumber(imagesLeft) })}</span>
        ) : null}
        {item.text && !item.sentParts.includes('text') ? <MessageText text={item.text} /> : null}
      </div>
      <div class="message-meta" role={status.kind === 'failed' ? 'alert' : 'status'}>
        {status.kind === 'failed' ? (
          <>
            <span class="outbox-failed">{t('composer.outboxFailed', { reason: status.reason })}</span>{' '}
            <button type="button" class="link-button" onClick={onRetry}>
              {t('composer.retry')}
            </button>{' '}
            <button type="button" class="link-button" onClick={onEdit}>
              {t('composer.edit')}
            </button>{' '}
            <button type="button" class="link-button" onClick={onDiscard}>
              {t('composer.delete')}
            </button>
          </>
        ) : status.kind === 'checking' ? (
          <>
            {clockTime(item.createdAt, timeZone)} · <Spinner size={10} /> {t('composer.outboxChecking')}
            {status.problem ? (
              <>
                {' '}
                <span class="muted">{status.problem}</span>{' '}
                <button type="button" class="link-button" onClick={onDiscard}>
                  {t('composer.delete')}
                </button>
              </>
            ) : null}
          </>
        ) : status.kind === 'waiting' ? (
          <>
            {clockTime(item.createdAt, timeZone)} · <Spinner size={10} />{' '}
            {t('composer.outboxSlowDown', { time: clockTime(status.until, timeZone) })}
          </>
        ) : (
          <>
            {clockTime(item.createdAt, timeZone)} · <Spinner size={10} /> {t('composer.outboxSending')}
          </>
        )}
      </div>
    </li>
  );
}
