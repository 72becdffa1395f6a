/**
 * The unread rule, the same for the side panel's list, the popup and the toolbar badge. Pure: pages
 * import it from here, and the background's attention (badge, notifications) uses it too.
 */
import type { Account, Conversation, ConversationDesk, OpenedState } from '../db/schema';
import { deskStatus, isMarkedUnread } from '../desk/status';

/**
 * Unread: the customer wrote after the conversation was last opened in DM Desk. History from
 * before the account was connected counts as read, so connecting does not light up everything.
 */
export function isUnread(conv: Pick<Conversation, 'lastInboundTime'>, openedAt: number | undefined, connectedAt: number): boolean {
  // Graph times have whole-second precision: a message from the second of connecting is new.
  const connectedSecond = Math.floor(connectedAt / 1000) * 1000 - 1;
  return conv.lastInboundTime !== null && conv.lastInboundTime > Math.max(openedAt ?? 0, connectedSecond);
}

/** Unread as the list shows it: the customer wrote since it was opened, or the person marked it unread since. */
export function isShownUnread(
  conv: Pick<Conversation, 'lastInboundTime'>,
  desk: ConversationDesk | undefined,
  openedAt: number | undefined,
  connectedAt: number,
): boolean {
  return isUnread(conv, openedAt, connectedAt) || isMarkedUnread(desk, openedAt);
}

/**
 * It needs the person (the badge and the popup count it): unread or marked unread, and open —
 * neither done nor snoozed.
 */
export function needsAttention(
  conv: Pick<Conversation, 'lastInboundTime'>,
  desk: ConversationDesk | undefined,
  openedAt: number | undefined,
  connectedAt: number,
  now: number,
): boolean {
  return isShownUnread(conv, desk, openedAt, connectedAt) && deskStatus(conv, desk, now) === 'open';
}

/**
 * The conversations that need the person, by the rule above. Without `desks` (no desk records
 * read) every conversation counts as open.
 */
export function unreadConversations(
  conversations: Conversation[],
  opened: OpenedState[],
  accounts: Account[],
  desks: ConversationDesk[] = [],
  now: number = Date.now(),
): Conversation[] {
  const openedAt = new Map(opened.map((o) => [o.conversationId, o.openedAt]));
  const connectedAt = new Map(accounts.map((a) => [a.id, a.connectedAt]));
  const deskOf = new Map(desks.map((d) => [d.conversationId, d]));
  return conversations.filter(
    (c) => connectedAt.has(c.accountId) && needsAttention(c, deskOf.get(c.id), openedAt.get(c.id), connectedAt.get(c.accountId) ?? 0, now),
  );
}
