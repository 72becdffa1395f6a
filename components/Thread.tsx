import type { VNode } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Conversation, Message } from '@/lib/db/schema';
import { participantName } from '@/lib/format/text';
import { dayKey, dayLabel } from '@/lib/format/time';
import type { InboxModel } from '@/lib/models/inbox';
import { describeReplyWindow, replyWindow } from '@/lib/policy/reply-window';
import { Avatar } from './Avatar';
import { BrokenItem } from './BrokenItem';
import { Composer } from './Composer';
import { ContactPanel } from './ContactPanel';
import { ErrorBoundary } from './ErrorBoundary';
import { BackIcon, DownIcon } from './Icons';
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
  const hasNewer = model.hasNewer.value;
  const hasOlder = model.hasOlder.value;
  // The "Sent" mark belongs to the newest reply: only when the newest messages are loaded.
  const lastOwn = hasNewer ? undefined : [...(messages ?? [])].reverse().find((m) => m.isOwn);
  const focusId = model.focusMessageId.value;
  /** A message on screen and its distance from the top of the view, kept in place when pages load or unload. */
  const anchor = useRef<{ id: string; top: number } | null>(null);
  /** The person is at the end of what is loaded (so growing content keeps them there). */
  const atBottom = useRef(true);
  /** Go to the newest message at the next render (a thread just opened, or "Jump to newest"). */
  const toBottom = useRef(true);
  const shown = useRef<string | null>(null);
  if (shown.current !== conversation.id) {
    shown.current = conversation.id;
    toBottom.current = true;
    atBottom.current = true;
    anchor.current = null;
  }
  /** Scrolled away from the newest message: offer the way back. */
  const [away, setAway] = useState(false);
  const byId = useMemo(() => new Map((messages ?? []).map((m): [string, Message] => [m.id, m])), [messages]);
  const window = replyWindow(conversation, now, humanAgent);

  /** The first message in view, and where it is. */
  const firstInView = (): { id: string; top: number } | null => {
    const el = scroller.current;
    const items = el?.querySelectorAll<HTMLElement>('[data-message-id]');
    if (!el || !items || items.length === 0) return null;
    const viewTop = el.getBoundingClientRect().top;
    // Binary search: the items are in order down the page.
    let lo = 0;
    let hi = items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (items[mid]!.getBoundingClientRect().bottom <= viewTop) lo = mid + 1;
      else hi = mid;
    }
    const item = items[lo]!;
    return { id: item.dataset.messageId ?? '', top: item.getBoundingClientRect().top - viewTop };
  };

  // After every change of what is loaded: newest at the bottom when the thread opens, when asked,
  // or when the person is there; otherwise the message they were reading stays where it was
  // (older pages put above it, newer ones let go below, or the other way round).
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || messages === null || focusId) return;
    if (toBottom.current || (atBottom.current && !model.hasNewer.value)) {
      el.scrollTop = el.scrollHeight;
      toBottom.current = false;
      atBottom.current = true;
      anchor.current = null;
      setAway(model.hasNewer.value);
      return;
    }
    const a = anchor.current;
    const item = a ? el.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(a.id)}"]`) : null;
    if (a && item) el.scrollTop += item.getBoundingClientRect().top - el.getBoundingClientRect().top - a.top;
  }, [conversation.id, messages, outbox.length, hasNewer]);

  // Images and players take their height only once loaded: stay at the bottom while the person
  // is there (not after they scrolled up to read).
  useEffect(() => {
    const el = scroller.current;
    const content = el?.firstElementChild;
    if (!el || !content || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current && !model.hasNewer.value && !model.focusMessageId.value) el.scrollTop = el.scrollHeight;
    });
    observer.observe(content);
    return () => observer.disconnect();
  }, [conversation.id, messages === null]);

  // For the benchmark: the thread's messages are on screen.
  useEffect(() => {
    if (messages) performance.mark('dmdesk:thread-painted', { detail: conversation.id });
  }, [conversation.id, messages === null]);

  // A search result: scroll it into view and mark it.
  useEffect(() => {
    if (!focusId) return;
    const el = scroller.current?.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(focusId)}"]`);
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    el.classList.add('focused');
    toBottom.current = false;
    atBottom.current = false;
    anchor.current = firstInView();
    setAway(true);
    model.focusMessageId.value = null;
  }, [focusId, messages]);

  /** Near an end of what is loaded: the next page there (the far end is let go). */
  const onScroll = (): void => {
    const el = scroller.current;
    if (!el) return;
    const fromBottom = el.scrollHeight - el.scrollTop - el.clientHeight;
    // At the end of the loaded window is not at the newest message when newer ones are unloaded.
    atBottom.current = fromBottom < 80 && !model.hasNewer.value;
    anchor.current = atBottom.current ? null : firstInView();
    setAway(!atBottom.current || model.hasNewer.value);
    if (el.scrollTop < 400 && model.hasOlder.value) void model.loadOlder();
    else if (fromBottom < 400 && model.hasNewer.value) void model.loadNewer();
  };

  const keepInView = (): void => {
    anchor.current = firstInView();
    atBottom.current = false;
  };
  /** A button at an end of the loaded window (for keyboards; scrolling there does the same). */
  const loadMoreItem = (label: string, load: () => Promise<void>) => (
    <li class="archive-start" role="none">
      <button
        type="button"
        class="link-button"
        onClick={() => {
          keepInView();
          void load();
        }}
      >
        {label}
      </button>
    </li>
  );
  const jumpToNewest = (): void => {
    toBottom.current = true;
    atBottom.current = true;
    setAway(false);
    if (model.hasNewer.value) void model.jumpToNewest();
    else if (scroller.current) scroller.current.scrollTop = scroller.current.scrollHeight;
  };

  // One flat, keyed list (day separators between messages): loading a page above or below moves
  // nothing already on screen, so nothing is rebuilt.
  const items: VNode[] = [];
  let lastDay = '';
  for (const m of messages ?? []) {
    const key = dayKey(m.createdTime, timeZone);
    if (key !== lastDay) {
      const label = dayLabel(m.createdTime, now, timeZone);
      items.push(
        <li class="day-separator" key={`day-${key}`} role="separator" aria-label={label}>
          {label}
        </li>,
      );
      lastDay = key;
    }
    // One message that cannot be drawn becomes a placeholder; the rest of the thread still shows.
    items.push(
      <ErrorBoundary
        key={m.id}
        what="A message could not be shown"
        resetKey={m}
        fallback={(retry) => (
          <BrokenItem as="li" className="message" label="This message could not be shown" action={{ text: 'Try again', run: retry }} />
        )}
      >
        <MessageBubble
          message={m}
          timeZone={timeZone}
          now={now}
          accountId={accountId}
          customerName={name}
          replyTarget={m.replyToId ? byId.get(m.replyToId) : undefined}
          status={m === lastOwn && m.sentVia === 'dmdesk' ? 'Sent' : undefined}
          onReact={(emoji) => void model.react(m.id, emoji)}
        />
      </ErrorBoundary>,
    );
  }
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
        <div class="thread-body">
          <div class="thread-scroll" ref={scroller} onScroll={onScroll}>
            {messages !== null && messages.length === 0 && outbox.length === 0 ? (
              <p class="thread-empty">No messages</p>
            ) : (
              <ol class="messages" aria-label="Messages">
                {messages && messages.length > 0 && !hasOlder ? (
                  <li class="archive-start" role="note">
                    Start of the archive — older messages are not available from Instagram.
                  </li>
                ) : null}
                {hasOlder ? loadMoreItem('Load older messages', () => model.loadOlder()) : null}
                {items}
                {hasNewer
                  ? loadMoreItem('Load newer messages', () => model.loadNewer())
                  : outbox.map((item) => (
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
          {away ? (
            <button type="button" class="jump-newest" onClick={jumpToNewest}>
              <DownIcon />
              Newest messages
            </button>
          ) : null}
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
