import { useEffect, useRef } from 'preact/hooks';
import type { Conversation, Message } from '@/lib/db/schema';
import { participantName } from '@/lib/format/text';
import { dayKey, dayLabel } from '@/lib/format/time';
import type { PendingMessage } from '@/lib/models/inbox';
import { Avatar } from './Avatar';
import { Composer } from './Composer';
import { BackIcon } from './Icons';
import { MessageBubble } from './MessageBubble';

interface Props {
  conversation: Conversation;
  messages: Message[] | null;
  pending: PendingMessage[];
  sending: boolean;
  sendError: string | null;
  restoredDraft: string | null;
  showBack: boolean;
  now: number;
  timeZone: string | undefined;
  onBack: () => void;
  onSend: (text: string) => Promise<boolean>;
}

export function Thread(props: Props) {
  const { conversation, messages, pending, now, timeZone } = props;
  const name = participantName(conversation.participant);
  const scroller = useRef<HTMLDivElement>(null);
  const count = (messages?.length ?? 0) + pending.length;

  // Newest at the bottom: keep the view there when the thread opens or grows.
  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [conversation.id, count]);

  let lastDay = '';
  return (
    <section class="thread" aria-label={`Conversation with ${name}`}>
      <header class="thread-header">
        {props.showBack ? (
          <button type="button" class="icon-button" aria-label="Back" onClick={props.onBack}>
            <BackIcon />
          </button>
        ) : null}
        <Avatar name={name} seed={conversation.participant.id} size={32} />
        <h2 class="thread-title">{name}</h2>
      </header>
      <div class="thread-scroll" ref={scroller}>
        {messages !== null && messages.length === 0 && pending.length === 0 ? (
          <p class="thread-empty">No messages</p>
        ) : (
          <ol class="messages" aria-label="Messages">
            {(messages ?? []).map((m) => {
              const key = dayKey(m.createdTime, timeZone);
              const separator =
                key !== lastDay ? (
                  <li class="day-separator" key={`day-${key}`} aria-hidden="false">
                    {dayLabel(m.createdTime, now, timeZone)}
                  </li>
                ) : null;
              lastDay = key;
              return [separator, <MessageBubble key={m.id} message={m} timeZone={timeZone} />];
            })}
            {pending.map((p) => (
              <MessageBubble
                key={p.localId}
                message={{ id: p.localId, isOwn: true, text: p.text, kind: 'text', createdTime: p.createdTime }}
                timeZone={timeZone}
                status="Sending…"
              />
            ))}
          </ol>
        )}
      </div>
      <Composer sending={props.sending} error={props.sendError} restoredDraft={props.restoredDraft} onSend={props.onSend} />
    </section>
  );
}
