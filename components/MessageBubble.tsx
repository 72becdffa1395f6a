import { useContext } from 'preact/hooks';
import type { Message } from '@/lib/db/schema';
import type { MessageAttachment } from '@/lib/graph/types';
import { clockTime, fullDateTime } from '@/lib/format/time';
import { t } from '@/lib/i18n';
import { reactionBlocker } from '@/lib/policy/reactions';
import { AttachmentView } from './AttachmentView';
import { MessageText } from './MessageText';
import { ReactionPicker } from './ReactionPicker';
import { Reactions } from './Reactions';
import { ReplyQuote } from './ReplyQuote';
import { SavedRepliesContext } from './SavedReplyPicker';
import { ShareCard } from './ShareCard';
import { StoryCard } from './StoryCard';

export type BubbleMessage = Pick<
  Message,
  'id' | 'isOwn' | 'text' | 'kind' | 'createdTime' | 'attachments' | 'storyMention' | 'storyReply' | 'replyToId' | 'reactions' | 'sentVia'
>;

export interface MessageBubbleProps {
  message: BubbleMessage;
  timeZone: string | undefined;
  now: number;
  accountId: string;
  customerName: string;
  /** The message this one replies to inline, when cached. */
  replyTarget?: Message;
  status?: string;
  onReact?: (emoji: string | null) => void;
  /** The first message of a day: the id of the day's separator, its description for screen readers (the separator itself is only seen). */
  dayId?: string;
}

/** One message: own on the right in blue, received on the left, each with its 12-hour time. */
export function MessageBubble({
  message: m,
  timeZone,
  now,
  accountId,
  customerName,
  replyTarget,
  status,
  onReact,
  dayId,
}: MessageBubbleProps) {
  // Received messages only; a story mention or deleted message explains why it can't take one.
  const canReact = onReact !== undefined && !m.isOwn;
  const reactable = canReact && reactionBlocker(m) === null;
  const ownReaction = m.reactions.find((r) => r.users.some((u) => u.id === accountId));
  const media = m.attachments.filter((a): a is Exclude<MessageAttachment, { type: 'share' }> => a.type !== 'share');
  const shares = m.attachments.filter((a): a is Extract<MessageAttachment, { type: 'share' }> => a.type === 'share');
  const plain = m.kind === 'text' && !m.replyToId;
  // "Save as reply" on the account's own messages that have text (the page decides whether it offers it).
  const saveAsReply = useContext(SavedRepliesContext)?.saveAsReply;
  const savable = saveAsReply && m.isOwn && m.kind !== 'deleted' && m.text.trim() ? m.text : null;
  const picker = canReact && !ownReaction;
  return (
    <li class={`message ${m.isOwn ? 'own' : 'theirs'} kind-${m.kind}`} data-message-id={m.id} aria-describedby={dayId}>
      <div class={picker ? 'message-row with-picker' : 'message-row'}>
        <div class={`bubble${plain ? '' : ' bubble-rich'}`}>
          {m.replyToId ? <ReplyQuote original={replyTarget} authorName={customerName} /> : null}
          {m.storyMention ? (
            <StoryCard story={m.storyMention} kind="mention" author={customerName} isOwn={m.isOwn} createdTime={m.createdTime} now={now} />
          ) : null}
          {m.storyReply ? (
            <StoryCard story={m.storyReply} kind="reply" author={customerName} isOwn={m.isOwn} createdTime={m.createdTime} now={now} />
          ) : null}
          {media.map((a, i) => (
            <AttachmentView key={i} attachment={a} />
          ))}
          {shares.map((a, i) => (
            <ShareCard key={`s${i}`} share={a} />
          ))}
          {m.kind === 'deleted' ? <span class="message-kind">{t('message.deleted')}</span> : null}
          {m.kind === 'unsupported' ? <span class="message-kind">{t('message.unsupported')}</span> : null}
          {m.kind === 'image' && media.length === 0 ? <span class="message-kind">{t('message.photo')}</span> : null}
          {m.text ? <MessageText text={m.text} /> : null}
        </div>
        {picker ? <ReactionPicker onReact={(emoji) => onReact?.(emoji)} /> : null}
        {savable ? (
          <button
            type="button"
            class="icon-button small save-as-reply"
            aria-label={t('message.saveAsReply')}
            title={t('message.saveAsReply')}
            onClick={() => saveAsReply?.(savable)}
          >
            <span aria-hidden="true">⊕</span>
          </button>
        ) : null}
      </div>
      <Reactions
        reactions={m.reactions}
        accountId={accountId}
        customerName={customerName}
        onRemoveOwn={reactable && ownReaction ? () => onReact?.(null) : undefined}
      />
      <div class="message-meta">
        <time dateTime={new Date(m.createdTime).toISOString()} title={fullDateTime(m.createdTime, timeZone)}>
          {clockTime(m.createdTime, timeZone)}
        </time>
        {m.isOwn && m.sentVia === 'instagram' ? <span class="echo-mark"> · {t('message.sentFromInstagram')}</span> : null}
        {status ? <span class="message-status"> · {status}</span> : null}
      </div>
    </li>
  );
}
