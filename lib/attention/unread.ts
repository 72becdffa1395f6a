/**
 * The unread rule, the same for the side panel's list, the popup and the toolbar badge. Pure: pages
 * import it from here, and the background's attention (badge, notifications) uses it too.
 */
import type { Account, Conversation, OpenedState } from '../db/schema';

/**
 * Unread: the customer wrote after the conversation was last opened in DM Desk. History from
 * before the account was connected counts as read, so connecting does not light up everything.
 */
export function isUnread(conv: Pick<Conversation, 'lastInboundTime'>, openedAt: number | undefined, connectedAt: number): boolean {
  // Graph times have whole-second precision: a message from the second of connecting is new.
  const connectedSecond = Math.floor(connectedAt / 1000) * 1000 - 1;
  return conv.lastInboundTime !== null && conv.lastInboundTime > Math.max(openedAt ?? 0, connectedSecond);
}

export function unreadConversations(conversations: Conversation[], opened: OpenedState[], accounts: Account[]): Conversation[] {
  const openedAt = new Map(opened.map((o) => [o.conversationId, o.openedAt]));
  const connectedAt = new Map(accounts.map((a) => [a.id, a.connectedAt]));
  return conversations.filter((c) => connectedAt.has(c.accountId) && isUnread(c, openedAt.get(c.id), connectedAt.get(c.accountId) ?? 0));
}
