import { useEffect, useRef } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { Conversation, Label } from '@/lib/db/schema';
import { contactName } from '@/lib/format/contact-name';
import { UsernameBeside } from './UsernameBeside';
import { previewOf } from '@/lib/format/text';
import { fullDateTime, isoTime, relativeTime } from '@/lib/format/time';
import { CLOSING_SOON_MS, formatRemaining, needsReply, replyWindow } from '@/lib/policy/reply-window';
import { Avatar } from './Avatar';
import { LabelChips } from './LabelChips';
import type { RowDesk } from '@/lib/models/desk-views';
import { PinIcon } from './PinIcon';

interface Props {
  conversation: Conversation;
  selected: boolean;
  now: number;
  timeZone: string | undefined;
  humanAgent: boolean;
  showWaiting: boolean;
  unread: boolean;
  onOpen: (id: string) => void;
  /** Render just the button (the caller provides the list item). */
  bare?: boolean;
  /** The row came into view (the list asks for the names of the rows a person sees). */
  onInView?: (conversation: Conversation) => void;
  /** The conversation's labels, shown as chips. */
  labels?: Label[];
  /** Its desk state: a pin, and a line such as "Snoozed until Tue 9:00 AM" or "Back: no reply in 3 days". */
  desk?: RowDesk;
}

/** One observer for every row: rows come and go with scrolling and virtualisation. */
const watched = new WeakMap<Element, () => void>();
let observer: IntersectionObserver | null = null;
function watch(el: Element, onVisible: () => void): () => void {
  if (typeof IntersectionObserver === 'undefined') {
    onVisible();
    return () => undefined;
  }
  observer ??= new IntersectionObserver((entries) => {
    for (const entry of entries) if (entry.isIntersecting) watched.get(entry.target)?.();
  });
  watched.set(el, onVisible);
  observer.observe(el);
  return () => {
    watched.delete(el);
    observer?.unobserve(el);
  };
}

export function ConversationRow({
  conversation,
  selected,
  now,
  timeZone,
  humanAgent,
  showWaiting,
  unread,
  onOpen,
  bare,
  onInView,
  labels,
  desk,
}: Props) {
  const { primary: name, secondary } = contactName(conversation.participant);
  const ref = useRef<HTMLButtonElement>(null);
  // The latest row and callback, without observing again on every render.
  const latest = useRef({ conversation, onInView });
  latest.current = { conversation, onInView };
  const watching = onInView !== undefined;
  useEffect(() => {
    const el = ref.current;
    if (!el || !watching) return;
    return watch(el, () => latest.current.onInView?.(latest.current.conversation));
  }, [watching]);
  const preview = previewOf(conversation.lastMessage);
  const window = replyWindow(conversation, now, humanAgent);
  const closingSoon = window.state !== 'closed' && needsReply(conversation) && window.closesAt - now < CLOSING_SOON_MS;
  const closesIn = window.state !== 'closed' ? window.closesAt - now : 0;
  const button = (
    <button
      ref={ref}
      type="button"
      class={`conversation-row${selected ? ' selected' : ''}${unread ? ' unread' : ''}`}
      aria-current={selected ? 'true' : undefined}
      data-conversation-id={conversation.id}
      onClick={() => onOpen(conversation.id)}
    >
      <Avatar name={name} seed={conversation.participant?.id ?? conversation.id} />
      <span class="row-main">
        <span class="row-top">
          <span class="row-name">
            {unread ? <span class="unread-dot" role="img" aria-label={t('list.unread')} /> : null}
            {desk?.pinned ? (
              <span class="row-pin" role="img" aria-label={t('list.pinned')}>
                <PinIcon size={12} />
              </span>
            ) : null}
            {name}
            <UsernameBeside username={secondary} />
          </span>
          <time class="row-time" dateTime={isoTime(conversation.updatedTime)} title={fullDateTime(conversation.updatedTime, timeZone)}>
            {relativeTime(conversation.updatedTime, now, timeZone)}
          </time>
        </span>
        <span class="row-bottom">
          {desk?.note ? <span class={`row-desk ${desk.tone ?? ''}`}>{desk.note}</span> : null}
          <span class="row-preview" dir="auto">
            {preview}
          </span>
          {labels && labels.length > 0 ? <LabelChips labels={labels} max={2} /> : null}
          {showWaiting && conversation.lastInboundTime !== null ? (
            <span class="row-badge waiting">{t('list.waiting', { time: formatRemaining(now - conversation.lastInboundTime) })}</span>
          ) : null}
          {closingSoon ? (
            <span class="row-badge urgent" title={t('list.closingSoon')}>
              {t('list.timeLeft', { time: formatRemaining(closesIn) })}
            </span>
          ) : null}
        </span>
      </span>
    </button>
  );
  return bare ? button : <li class="conversation-row-item">{button}</li>;
}
