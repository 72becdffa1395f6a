/** Which messages can take a reaction, and how the account's own reaction replaces the old one. */
import type { Message } from '../db/schema';
import type { Reaction } from '../graph/types';

/** Why a message cannot take a reaction, or null when it can. */
export function reactionBlocker(m: Pick<Message, 'kind' | 'isOwn'>): string | null {
  if (m.kind === 'story-mention') return 'Instagram doesn’t allow reacting to a story mention.';
  if (m.kind === 'deleted') return 'This message was deleted, so it can’t take a reaction.';
  if (m.kind === 'unsupported') return 'This message is only available in the Instagram app, so it can’t take a reaction here.';
  if (m.isOwn) return 'You can react to messages you received.';
  return null;
}

/** The account's own reaction replaced by `emoji` (or removed). */
export function withOwnReaction(reactions: Reaction[], accountId: string, username: string, emoji: string | null): Reaction[] {
  const others = reactions.map((r) => ({ ...r, users: r.users.filter((u) => u.id !== accountId) })).filter((r) => r.users.length > 0);
  if (emoji === null) return others;
  const existing = others.find((r) => r.emoji === emoji);
  if (existing) return others.map((r) => (r === existing ? { ...r, users: [...r.users, { id: accountId, username }] } : r));
  return [...others, { emoji, users: [{ id: accountId, username }] }];
}
