/**
 * The desk's rules, the same for the side panel, the popup, search and the toolbar badge. Pure:
 * what a conversation is (open, done, snoozed) follows from its desk record, its newest customer
 * message and the time, so a done conversation comes back by itself when the customer writes,
 * and a snooze ends on time even if no page and no worker was running then.
 */
import type { Conversation, ConversationDesk } from '../db/schema';

export type DeskStatus = 'open' | 'done' | 'snoozed';

type Inbound = Pick<Conversation, 'lastInboundTime'>;

/**
 * The customer wrote after `time`. Meta's times have whole-second precision: a message from the
 * second of `time` counts as after it (better back once too often than a customer left unseen).
 */
export function customerWroteAfter(conv: Inbound, time: number): boolean {
  return conv.lastInboundTime !== null && conv.lastInboundTime >= Math.floor(time / 1000) * 1000;
}

export function deskStatus(conv: Inbound, desk: ConversationDesk | undefined, now: number): DeskStatus {
  if (!desk) return 'open';
  if (desk.snooze && now < desk.snooze.until && !customerWroteAfter(conv, desk.snooze.at)) return 'snoozed';
  if (desk.doneAt !== null && !customerWroteAfter(conv, desk.doneAt)) return 'done';
  return 'open';
}

/**
 * Why an open conversation is back, shown until it is opened: its snooze ran out, or a follow-up
 * fell due with no answer from the customer. Null when it came back because the customer wrote.
 */
export function returnReason(
  conv: Inbound,
  desk: ConversationDesk | undefined,
  openedAt: number | undefined,
  now: number,
): { reason: 'snooze' | 'follow-up'; at: number; days?: number } | null {
  if (!desk || deskStatus(conv, desk, now) !== 'open') return null;
  const back =
    desk.returned ??
    (desk.snooze && now >= desk.snooze.until ? { reason: desk.snooze.reason, at: desk.snooze.until, days: desk.snooze.days } : null);
  if (!back) return null;
  if (openedAt !== undefined && openedAt >= back.at) return null;
  if (customerWroteAfter(conv, desk.snooze?.at ?? back.at)) return null;
  return back;
}

export function isPinned(desk: ConversationDesk | undefined): boolean {
  return desk?.pinnedAt != null;
}

/** The person marked it unread after it was last opened. */
export function isMarkedUnread(desk: ConversationDesk | undefined, openedAt: number | undefined): boolean {
  return desk?.markedUnreadAt != null && desk.markedUnreadAt > (openedAt ?? 0);
}

/** The next moment a snooze or follow-up of these records ends (for the alarm), or null. */
export function nextReturnTime(records: Iterable<ConversationDesk>): number | null {
  let next: number | null = null;
  for (const d of records) if (d.snooze && (next === null || d.snooze.until < next)) next = d.snooze.until;
  return next;
}
