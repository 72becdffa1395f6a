import { useEffect, useMemo, useRef } from 'preact/hooks';
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
  const count = (messages?.length ?? 0) + outbox.length;
  const lastOwn = [...(messages ?? [])].reverse().find((m) => m.isOwn);
  const byId = useMemo(() => new Map((messages ?? []).map((m): [string, Message] => [m.id, m])), [messages]);
  const window = replyWindow(conversation, now, humanAgent);

  // Newest at the bottom: keep the view there when the thread opens or grows.
  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [conversation.id, count]);

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
        <div class="thread-scroll" ref={scroller}>
          {messages !== null && messages.length === 0 && outbox.length === 0 ? (
            <p class="thread-empty">No messages</p>
          ) : (
            <ol class="messages" aria-label="Messages">
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
