import type { ComponentChildren, VNode } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Conversation, Message } from '@/lib/db/schema';
import { contactName } from '@/lib/format/contact-name';
import { dayKey, dayLabel } from '@/lib/format/time';
import { t } from '@/lib/i18n';
import type { ContactNotesModel } from '@/lib/models/contact-notes';
import type { LabelsModel } from '@/lib/models/labels';
import type { ThreadModel } from '@/lib/models/thread';
import { describeReplyWindow, replyWindow } from '@/lib/policy/reply-window';
import { Avatar } from './Avatar';
import { Composer } from './Composer';
import { lazyComponent } from './lazy';

// Opened by a button; their code loads when first shown (or when the page is idle).
// i18n-exempt: a module path and a component name, not words
const ContactPanel = lazyComponent(() => import('./ContactPanel').then((m) => m.ContactPanel), 'ContactPanel');
// i18n-exempt: a module path and a component name, not words
const ContactNotes = lazyComponent(() => import('./ContactNotes').then((m) => m.ContactNotes), 'ContactNotes');
import { BackIcon, DownIcon } from './Icons';
import { OutboxBubble } from './OutboxBubble';
import { ReplyWindowNotice } from './ReplyWindowNotice';
import { ThreadItem } from './ThreadItem';
import { ThreadLabels } from './ThreadLabels';

/**
 * Messages drawn first when a thread opens at its end, or when a page of history comes in above:
 * more than a tall screen holds. The rest of the page is drawn right after that paint, above them
 * (where the person is not looking: the view stays where it is).
 */
const FIRST_DRAWN = 24;

/**
 * Where the drawn list starts in the loaded window: at the thread's end when it opens, or a
 * screenful above the messages drawn before when older ones came in; else the whole window.
 */
function firstDrawn(messages: readonly Message[], drawnOldest: string | null): number {
  if (drawnOldest === null) return Math.max(0, messages.length - FIRST_DRAWN);
  const before = messages.findIndex((m) => m.id === drawnOldest);
  return Math.max(0, before - FIRST_DRAWN);
}

/** Each message's day in the zone, worked out once: every page of history draws the window's days again. */
function dayKeys(timeZone: string | undefined): (time: number) => string {
  const keys = new Map<number, string>();
  return (time) => {
    let key = keys.get(time);
    if (key === undefined) keys.set(time, (key = dayKey(time, timeZone)));
    return key;
  };
}

interface Props {
  thread: ThreadModel;
  conversation: Conversation;
  accountId: string;
  /** The contact panel is open beside the thread. */
  contactOpen: boolean;
  onToggleContact: () => void;
  onBack: () => void;
  showBack: boolean;
  now: number;
  timeZone: string | undefined;
  humanAgent: boolean;
  /** The labels (chips and the picker in the header); without them the header has none. */
  labels?: LabelsModel;
  labelIds?: readonly string[];
  /** Private notes on the contact, in the contact panel. */
  notes?: ContactNotesModel;
  /** The desk's actions (done, snooze, pin, unread), in a bar under the header. */
  deskActions?: ComponentChildren;
}

/** The first message in view in a scrolling list, and where it is. */
function firstInView(el: HTMLElement | null): { id: string; top: number } | null {
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
}

export function Thread({
  thread,
  conversation,
  accountId,
  contactOpen,
  onToggleContact,
  onBack,
  showBack,
  now,
  timeZone,
  humanAgent,
  labels,
  labelIds,
  notes,
  deskActions,
}: Props) {
  const messages = thread.messages.value;
  const outbox = thread.outbox.value;
  const loaded = messages !== null;
  const { primary: name, secondary: username } = contactName(conversation.participant);
  const scroller = useRef<HTMLDivElement>(null);
  const hasNewer = thread.hasNewer.value;
  const hasOlder = thread.hasOlder.value;
  // The "Sent" mark belongs to the newest reply: only when the newest messages are loaded.
  const lastOwn = hasNewer ? undefined : [...(messages ?? [])].reverse().find((m) => m.isOwn);
  const focusId = thread.focusMessageId.value;
  /** A message on screen and its distance from the top of the view, kept in place when pages load or unload. */
  const anchor = useRef<{ id: string; top: number } | null>(null);
  /** The person is at the end of what is loaded (so growing content keeps them there). */
  const atBottom = useRef(true);
  /** Go to the newest message at the next render (a thread just opened, or "Jump to newest"). */
  const toBottom = useRef(true);
  /** Where the last scroll event left the view (only a move up leaves the newest message). */
  const lastTop = useRef(0);
  const shown = useRef<string | null>(null);
  if (shown.current !== conversation.id) {
    shown.current = conversation.id;
    toBottom.current = true;
    atBottom.current = true;
    anchor.current = null;
    lastTop.current = 0;
  }
  /** Scrolled away from the newest message: offer the way back. */
  const [away, setAway] = useState(false);
  /** The oldest message once the whole loaded window was drawn (see FIRST_DRAWN), by conversation. */
  const [drawnWhole, setDrawnWhole] = useState<{ conversationId: string; oldest: string } | null>(null);
  const drawnOldest = drawnWhole?.conversationId === conversation.id ? drawnWhole.oldest : null;
  // Opened at a search hit: the hit may be anywhere in the window, which is drawn whole at once.
  const start = messages === null || focusId !== null ? 0 : firstDrawn(messages, drawnOldest);
  const partial = start > 0;
  const drawn = partial ? messages!.slice(start) : messages;
  const dayOf = useMemo(() => dayKeys(timeZone), [timeZone]);
  const byId = useMemo(() => new Map((messages ?? []).map((m): [string, Message] => [m.id, m])), [messages]);
  const window = replyWindow(conversation, now, humanAgent);

  // After every change of what is loaded: newest at the bottom when the thread opens, when asked,
  // or when the person is there; otherwise the message they were reading stays where it was
  // (older pages put above it, newer ones let go below, or the other way round).
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || messages === null || focusId) return;
    if (toBottom.current || (atBottom.current && !hasNewer)) {
      el.scrollTop = el.scrollHeight;
      toBottom.current = false;
      atBottom.current = true;
      anchor.current = null;
      setAway(hasNewer);
      return;
    }
    const a = anchor.current;
    const item = a ? el.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(a.id)}"]`) : null;
    if (a && item) el.scrollTop += item.getBoundingClientRect().top - el.getBoundingClientRect().top - a.top;
  }, [conversation.id, messages, drawn, outbox.length, hasNewer, focusId]);

  // The first messages of a page are on screen: the rest of the window now (see FIRST_DRAWN).
  const oldest = messages?.[0]?.id;
  useEffect(() => {
    if (oldest !== undefined && oldest !== drawnOldest) setDrawnWhole({ conversationId: conversation.id, oldest });
  }, [conversation.id, oldest, drawnOldest]);

  // Images and players take their height only once loaded: stay at the bottom while the person
  // is there (not after they scrolled up to read).
  useEffect(() => {
    const el = scroller.current;
    const content = el?.querySelector('.messages');
    if (!el || !content || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current && !thread.hasNewer.value && !thread.focusMessageId.value) el.scrollTop = el.scrollHeight;
    });
    observer.observe(content);
    return () => observer.disconnect();
  }, [conversation.id, loaded, thread]);

  // For the benchmark: the thread's messages are on screen.
  useEffect(() => {
    if (loaded) performance.mark('dmdesk:thread-painted', { detail: conversation.id });
  }, [conversation.id, loaded]);

  // A search result: scroll it into view and mark it.
  useEffect(() => {
    if (!focusId) return;
    const el = scroller.current?.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(focusId)}"]`);
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    el.classList.add('focused');
    toBottom.current = false;
    atBottom.current = false;
    anchor.current = firstInView(scroller.current);
    setAway(true);
    thread.consumeFocus();
  }, [focusId, messages, thread]);

  /** Near an end of what is loaded: the next page there (the far end is let go). */
  const onScroll = (): void => {
    const el = scroller.current;
    if (!el) return;
    const movedUp = el.scrollTop < lastTop.current - 1;
    lastTop.current = el.scrollTop;
    const fromBottom = el.scrollHeight - el.scrollTop - el.clientHeight;
    // At the newest message, a scroll event that did not move up is ours (a scroll to the end)
    // arriving after images above it took their height in the same frame: stay at the end. Taken
    // for the person scrolling away, it left a thread just opened short of its newest message.
    if (atBottom.current && !movedUp && !thread.hasNewer.value && !thread.focusMessageId.value) {
      if (fromBottom > 0) el.scrollTop = el.scrollHeight;
      lastTop.current = el.scrollTop;
      setAway(false);
      if (el.scrollTop < 400 && thread.hasOlder.value) void thread.loadOlder();
      return;
    }
    // At the end of the loaded window is not at the newest message when newer ones are unloaded.
    atBottom.current = fromBottom < 80 && !thread.hasNewer.value;
    anchor.current = atBottom.current ? null : firstInView(el);
    setAway(!atBottom.current || thread.hasNewer.value);
    if (el.scrollTop < 400 && thread.hasOlder.value) void thread.loadOlder();
    else if (fromBottom < 400 && thread.hasNewer.value) void thread.loadNewer();
  };

  const keepInView = (): void => {
    anchor.current = firstInView(scroller.current);
    atBottom.current = false;
  };
  /** A button at an end of the loaded window (for keyboards; scrolling there does the same), beside the list. */
  const loadMoreItem = (label: string, load: () => Promise<void>) => (
    <p class="archive-start">
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
    </p>
  );
  const jumpToNewest = (): void => {
    toBottom.current = true;
    atBottom.current = true;
    setAway(false);
    if (thread.hasNewer.value) void thread.jumpToNewest();
    else if (scroller.current) scroller.current.scrollTop = scroller.current.scrollHeight;
  };

  // One flat, keyed list (day separators between messages): loading a page above or below moves
  // nothing already on screen, so nothing is rebuilt.
  const items: VNode[] = [];
  let lastDay = '';
  let day: string | undefined;
  for (const m of drawn ?? []) {
    const key = dayOf(m.createdTime);
    if (key !== lastDay) {
      const label = dayLabel(m.createdTime, now, timeZone);
      // Seen on screen; a screen reader hears the day as the description of the day's first message
      // (a list holds only its items).
      items.push(
        <li class="day-separator" key={`day-${key}`} id={`thread-day-${key}`} aria-hidden="true">
          {label}
        </li>,
      );
      lastDay = key;
      day = `thread-day-${key}`;
    }
    items.push(
      <ThreadItem
        key={m.id}
        message={m}
        thread={thread}
        timeZone={timeZone}
        now={now}
        accountId={accountId}
        customerName={name}
        replyTarget={m.replyToId ? byId.get(m.replyToId) : undefined}
        status={m === lastOwn && m.sentVia === 'dmdesk' ? t('message.sent') : undefined}
        dayId={day}
      />,
    );
    day = undefined;
  }
  return (
    <div class="thread-wrap">
      <section class="thread" aria-label={t('thread.conversationWith', { name })}>
        <header class="thread-header">
          {showBack ? (
            <button type="button" class="icon-button" aria-label={t('thread.back')} onClick={onBack}>
              <BackIcon />
            </button>
          ) : null}
          <Avatar name={name} seed={conversation.participant.id} size={32} />
          <div class="thread-heading">
            <h2 class="thread-title">
              {name}
              {username ? (
                <>
                  {' '}
                  <span class="thread-username">{username}</span>
                </>
              ) : null}
            </h2>
            <ReplyWindowNotice window={window} now={now} />
          </div>
          {labels ? <ThreadLabels labels={labels} accountId={accountId} conversationId={conversation.id} labelIds={labelIds} /> : null}
          <button type="button" class="button small" aria-pressed={contactOpen} onClick={onToggleContact}>
            {t('thread.contactDetails')}
          </button>
        </header>
        {deskActions}
        {thread.actionError.value ? (
          <div class="banner error" role="alert">
            <span>{thread.actionError.value}</span>
          </div>
        ) : null}
        <div class="thread-body">
          <div class="thread-scroll" ref={scroller} onScroll={onScroll}>
            {messages !== null && messages.length === 0 && outbox.length === 0 ? (
              <p class="thread-empty">{t('thread.noMessages')}</p>
            ) : (
              <>
                {messages && messages.length > 0 && !hasOlder && !partial ? (
                  <p class="archive-start" role="note">
                    {t('thread.archiveStart')}
                  </p>
                ) : null}
                {hasOlder ? loadMoreItem(t('thread.loadOlder'), () => thread.loadOlder()) : null}
                <ol class="messages" aria-label={t('thread.messages')}>
                  {items}
                  {hasNewer
                    ? null
                    : outbox.map((item) => (
                        <OutboxBubble
                          key={item.id}
                          item={item}
                          timeZone={timeZone}
                          onRetry={() => void thread.retry(item.id)}
                          onEdit={() => void thread.edit(item.id)}
                          onDiscard={() => void thread.discard(item.id)}
                        />
                      ))}
                </ol>
                {hasNewer ? loadMoreItem(t('thread.loadNewer'), () => thread.loadNewer()) : null}
              </>
            )}
          </div>
          {away ? (
            <button type="button" class="jump-newest" onClick={jumpToNewest}>
              <DownIcon />
              {t('thread.newestMessages')}
            </button>
          ) : null}
        </div>
        <Composer
          text={thread.draft.value}
          onText={(text) => thread.setDraft(text)}
          sending={thread.sending.value}
          error={thread.sendError.value}
          disabledReason={window.state === 'closed' ? describeReplyWindow(window, now) : null}
          images={thread.attachments.images.value}
          imageErrors={thread.attachments.errors.value}
          onAddImages={(files) => void thread.attachments.add(files)}
          onRemoveImage={(id) => void thread.attachments.remove(id)}
          onSend={() => thread.send()}
        />
      </section>
      {contactOpen ? (
        <ContactPanel
          conversation={conversation}
          profile={thread.profile.value}
          error={thread.profileError.value}
          onClose={onToggleContact}
          onRefresh={() => void thread.refreshProfile()}
        >
          {notes ? <ContactNotes model={notes} now={now} timeZone={timeZone} /> : null}
        </ContactPanel>
      ) : null}
    </div>
  );
}
