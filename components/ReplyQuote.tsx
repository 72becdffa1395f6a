import type { Message } from '@/lib/db/schema';
import { kindLabel, truncate } from '@/lib/format/text';

interface Props {
  /** The message replied to, when it is cached. */
  original: Message | undefined;
  authorName: string;
}

/** The quote above an inline reply. */
export function ReplyQuote({ original, authorName }: Props) {
  if (!original) return <blockquote class="reply-quote muted">Replying to an earlier message</blockquote>;
  const who = original.isOwn ? 'you' : authorName;
  const body = original.text ? truncate(original.text.replace(/\s+/g, ' '), 80) : kindLabel(original.kind, original.isOwn);
  return (
    <blockquote class="reply-quote">
      <span class="reply-who">Replying to {who}</span>
      <span class="reply-text">{body}</span>
    </blockquote>
  );
}
