import type { Message } from '@/lib/db/schema';
import { kindLabel, truncate } from '@/lib/format/text';
import { t } from '@/lib/i18n';

interface Props {
  /** The message replied to, when it is cached. */
  original: Message | undefined;
  authorName: string;
}

/** The quote above an inline reply. */
export function ReplyQuote({ original, authorName }: Props) {
  if (!original) return <blockquote class="reply-quote muted">{t('message.replyingToEarlier')}</blockquote>;
  const body = original.text ? truncate(original.text.replace(/\s+/g, ' '), 80) : kindLabel(original.kind, original.isOwn);
  return (
    <blockquote class="reply-quote">
      <span class="reply-who">{original.isOwn ? t('message.replyingToYou') : t('message.replyingTo', { name: authorName })}</span>
      <span class="reply-text">{body}</span>
    </blockquote>
  );
}
