import { useEffect, useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import type { Conversation, Message } from '@/lib/db/schema';
import { participantName } from '@/lib/format/text';
import { dayKey, dayLabel } from '@/lib/format/time';
import type { InboxModel } from '@/lib/models/inbox';
import { describeReplyWindow, replyWindow } from '@/lib/policy/reply-window';
import { Avatar } from './Avatar';
import { Composer } from './Composer';
import { ContactPanel } from './ContactPanel';
import { BackIcon } from './Icons';
import { MessageBubble } from './MessageBubble';
import { OutboxBubble } from './OutboxBubble';
import { ReplyWindowNotice } from './ReplyWindowNotice';

interface Props {
  model: InboxModel;
  conversation: Conversation;
  accountId: string;
  showBack: boolean;
  now: number;
  timeZone: string | undefined;
  humanAgent: boolean;
}

export function Thread({ model, conversation, accountId, showBack, now, timeZone, humanAgent }: Props) {
  const messages = model.messages.value;
  const outbox = model.outbox.value;
  const name = participantName(conversation.participant);
  const scroller = useRef<HTMLDivElement>(null);
  const newestId = messages?.[messages.length - 1]?.id ?? null;
  const lastOwn = [...(messages ?? [])].reverse().find((m) => m.isOwn);
  const focusId = model.focusMessageId.value;
  /** Height of the scrolled content before older messages were put above it. */
  const anchor = useRef<number | null>(null);
  /** The person is reading the newest messages (so growing content keeps them in view). */
  const atBottom = useRef(true);
  const byId = useMemo(() => new Map((messages ?? []).map((m): [string, Message] => [m.id, m])), [messages]);
  const window = replyWindow(conversation, now, humanAgent);

  // Newest at the bottom: go there when the thread opens or a new message arrives (not when
  // older history is loaded above, and not when a search result is to be shown).
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && !focusId) {
      el.scrollTop = el.scrollHeight;
      atBottom.current = true;
    }
  }, [conversation.id, newestId, outbox.length]);

  // Images and players take their height only once loaded: stay at the bottom while the person
  // is there (not after they scrolled up to read).
  useEffect(() => {
    const el = scroller.current;
    const content = el?.firstElementChild;
    if (!el || !content || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current && !model.focusMessageId.value) el.scrollTop = el.scrollHeight;
    });
    observer.observe(content);
    return () => observer.disconnect();
  }, [conversation.id, messages === null]);

  // For the benchmark: the thread's messages are on screen.
  useEffect(() => {
    if (messages) performance.mark('dmdesk:thread-painted', { detail: conversation.id });
  }, [conversation.id, messages === null]);

  // Older history loaded above: keep what the person was looking at in place.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && anchor.current !== null) {
      el.scrollTop += el.scrollHeight - anchor.current;
      anchor.current = null;
    }
  }, [messages?.[0]?.id]);

  // A search result: scroll it into view and mark it.
  useEffect(() => {
    if (!focusId) return;
    const el = scroller.current?.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(focusId)}"]`);
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    el.classList.add('focused');
    model.focusMessageId.value = null;
  }, [focusId, messages]);

  const onScroll = (): void => {
    const el = scroller.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    if (!model.hasOlder.value || el.scrollTop > 200) return;
    anchor.current = el.scrollHeight;
    void model.loadOlder();
  };

  let lastDay = '';
  return (
    <div class="thread-wrap">
      <section class="thread" aria-label={`Conversation with ${name}`}>
        <header class="thread-header">
          {showBack ? (
            <button type="button" class="icon-button" aria-label="Back" onClick={() => model.closeConversation()}>
              <BackIcon />
            </button>
          ) : null}
          <Avatar name={name} seed={conversation.participant.id} size={32} />
          <div class="thread-heading">
            <h2 class="thread-title">{name}</h2>
            <ReplyWindowNotice window={window} now={now} />
          </div>
          <button type="button" class="button small" aria-pressed={model.contactOpen.value} onClick={() => void model.toggleContact()}>
            Contact details
          </button>
        </header>
        {model.actionError.value ? (
          <div class="banner error" role="alert">
            <span>{model.actionError.value}</span>
          </div>
        ) : null}
        <div class="thread-scroll" ref={scroller} onScroll={onScroll}>
          {messages !== null && messages.length === 0 && outbox.length === 0 ? (
            <p class="thread-empty">No messages</p>
          ) : (
            <ol class="messages" aria-label="Messages">
              {messages && messages.length > 0 && !model.hasOlder.value ? (
                <li class="archive-start" role="note">
                  Start of the archive — older messages are not available from Instagram.
                </li>
              ) : null}
              {model.hasOlder.value ? (
                <li class="archive-start" role="note">
                  <button type="button" class="link-button" onClick={() => void model.loadOlder()}>
                    Load older messages
                  </button>
                </li>
              ) : null}
              {(messages ?? []).map((m) => {
                const key = dayKey(m.createdTime, timeZone);
                const separator =
                  key !== lastDay ? (
                    <li class="day-separator" key={`day-${key}`} role="separator" aria-label={dayLabel(m.createdTime, now, timeZone)}>
                      {dayLabel(m.createdTime, now, timeZone)}
                    </li>
                  ) : null;
                lastDay = key;
                return [
                  separator,
                  <MessageBubble
                    key={m.id}
                    message={m}
                    timeZone={timeZone}
                    now={now}
                    accountId={accountId}
                    customerName={name}
                    replyTarget={m.replyToId ? byId.get(m.replyToId) : undefined}
                    status={m === lastOwn && m.sentVia === 'dmdesk' ? 'Sent' : undefined}
                    onReact={(emoji) => void model.react(m.id, emoji)}
                  />,
                ];
              })}
              {outbox.map((item) => (
                <OutboxBubble
                  key={item.id}
                  item={item}
                  timeZone={timeZone}
                  onRetry={() => void model.retry(item.id)}
                  onEdit={() => void model.edit(item.id)}
                  onDiscard={() => void model.discard(item.id)}
                />
              ))}
            </ol>
          )}
        </div>
        <Composer
          text={model.draft.value}
          onText={(text) => model.setDraft(text)}
          sending={model.sending.value}
          error={model.sendError.value}
          disabledReason={window.state === 'closed' ? describeReplyWindow(window, now) : null}
          images={model.attachments.images.value}
          imageErrors={model.attachments.errors.value}
          onAddImages={(files) => void model.attachments.add(files)}
          onRemoveImage={(id) => void model.attachments.remove(id)}
          onSend={() => model.send()}
        />
      </section>
      {model.contactOpen.value ? (
        <ContactPanel
          conversation={conversation}
          profile={model.profile.value}
          error={model.profileError.value}
          onClose={() => void model.toggleContact()}
          onRefresh={() => void model.refreshProfile()}
        />
      ) : null}
    </div>
  );
}
