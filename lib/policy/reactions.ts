/** Which messages can take a reaction, and how the account's own reaction replaces the old one. */
import type { Message } from '../db/schema';
import type { Reaction } from '../graph/types';
import { t } from '../i18n';

/** Why a message cannot take a reaction, or null when it can. */
export function reactionBlocker(m: Pick<Message, 'kind' | 'isOwn'>): string | null {
  if (m.kind === 'story-mention') return t('message.cantReactStoryMention');
  if (m.kind === 'deleted') return t('message.cantReactDeleted');
  if (m.kind === 'unsupported') return t('message.cantReactUnsupported');
  if (m.isOwn) return t('message.cantReactOwn');
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
