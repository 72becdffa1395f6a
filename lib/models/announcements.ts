/**
 * What a screen reader hears when the side panel changes on its own: a new message in the open
 * conversation or in another one, and what became of a reply being sent. Pure: the page keeps
 * the last `InboxSeen` and compares each new one with it; the first look at anything (a thread
 * just opened, a list just read) announces nothing, since nothing changed under the person.
 */
import type { Conversation, Message, OutboxItem } from '../db/schema';
import { contactName } from '../format/contact-name';
import { formatNumber } from '../format/numbers';
import { previewOf } from '../format/text';
import { t } from '../i18n';

/** What was on screen at the last look. */
export interface InboxSeen {
  accountId: string | null;
  /** The rows' newest customer message times (null until the list is read). */
  rows: ReadonlyMap<string, number | null> | null;
  threadId: string | null;
  /** The open thread's messages (null until they are read). */
  messageIds: ReadonlySet<string> | null;
  /** The open thread's replies in the outbox, by id: their state and text. */
  outbox: ReadonlyMap<string, Pick<OutboxItem, 'state' | 'text'>>;
}

export interface InboxNow {
  accountId: string | null;
  rows: readonly Conversation[] | null;
  thread: Conversation | null;
  messages: readonly Message[] | null;
  outbox: readonly OutboxItem[];
}

/**
 * The rows' newest customer message times, made once per list read: the page looks again at
 * every change of the open thread (each page of history), and the list holds thousands of rows.
 */
const rowTimesOf = new WeakMap<readonly Conversation[], ReadonlyMap<string, number | null>>();
function rowTimes(rows: readonly Conversation[]): ReadonlyMap<string, number | null> {
  let times = rowTimesOf.get(rows);
  if (!times) rowTimesOf.set(rows, (times = new Map(rows.map((c) => [c.id, c.lastInboundTime]))));
  return times;
}

export function seenOf(now: InboxNow): InboxSeen {
  return {
    accountId: now.accountId,
    rows: now.rows ? rowTimes(now.rows) : null,
    threadId: now.thread?.id ?? null,
    messageIds: now.messages ? new Set(now.messages.map((m) => m.id)) : null,
    outbox: new Map(now.outbox.map((i) => [i.id, { state: i.state, text: i.text }])),
  };
}

/** The sentences to announce for the change from `before` to `now` (none the first time). */
export function announcements(before: InboxSeen | null, now: InboxNow): string[] {
  if (!before) return [];
  const said: string[] = [];
  const threadId = now.thread?.id ?? null;
  const sameThread = threadId !== null && before.threadId === threadId;

  // New messages from the customer in the open conversation.
  if (sameThread && before.messageIds && now.messages && now.thread) {
    const fresh = now.messages.filter((m) => !m.isOwn && !before.messageIds!.has(m.id));
    const name = contactName(now.thread.participant).primary;
    const last = fresh.at(-1);
    if (fresh.length === 1 && last) {
      said.push(
        t('a11y.newMessage', { name, text: previewOf({ text: last.text, kind: last.kind, isOwn: false, createdTime: last.createdTime }) }),
      );
    } else if (fresh.length > 1) said.push(t('a11y.newMessages', fresh.length, { name, count: formatNumber(fresh.length) }));
  }

  // What became of the replies being sent.
  if (sameThread) {
    const current = new Map(now.outbox.map((i) => [i.id, i]));
    for (const [id, was] of before.outbox) {
      const item = current.get(id);
      if (item?.state === 'failed' && was.state !== 'failed') {
        said.push(t('a11y.sendFailed', { reason: item.error?.message ?? '' }));
      } else if (was.state !== 'failed' && (item?.state === 'sent' || (!item && delivered(was.text, before, now.messages)))) {
        said.push(t('a11y.sent'));
      }
    }
  }

  // New messages in other conversations of the same account (none when the list is the one seen).
  if (before.rows && now.rows && before.accountId === now.accountId && before.rows !== rowTimesOf.get(now.rows)) {
    const arrived = now.rows.filter((c) => {
      if (c.id === threadId || c.lastInboundTime === null) return false;
      const was = before.rows!.get(c.id);
      return was === undefined || was === null || c.lastInboundTime > was;
    });
    const first = arrived[0];
    if (arrived.length === 1 && first) said.push(t('a11y.newMessageFrom', { name: contactName(first.participant).primary }));
    else if (arrived.length > 1) said.push(t('a11y.newMessagesIn', arrived.length, { count: formatNumber(arrived.length) }));
  }
  return said;
}

/** A reply left the outbox as a message of the thread (not deleted by the person). */
function delivered(text: string, before: InboxSeen, messages: readonly Message[] | null): boolean {
  if (!messages) return false;
  return messages.some((m) => m.isOwn && !before.messageIds?.has(m.id) && (text === '' || m.text === text));
}
