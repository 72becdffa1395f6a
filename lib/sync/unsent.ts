/**
 * Messages a customer unsent. Meta shows an unsend in one of two ways: the message comes back
 * marked deleted (`is_deleted`, which `toMessage` turns into a deleted message), or Meta simply
 * stops returning it. The second must not be confused with the 20-message rule (Meta serves only
 * a thread's newest messages, so older cached ones are legitimately missing from every answer):
 * Meta lists a thread newest first without gaps, so a cached message newer than the oldest one an
 * answer returned, and not in that answer, is gone at Meta (sent in the same second as that oldest
 * one counts too when Meta said the answer is the whole thread). Only the customer's messages are read
 * this way: the account's own reply can be cached (from its send) before a read shows it.
 *
 * Either way the message stays where it was, at the time it was sent, as "Message was deleted":
 * its text, media and story go, so nothing of it is shown or found by search again.
 */
import type { Message } from '../db/schema';
import type { GraphMessage } from '../graph/types';

/**
 * The time after which an answer holds every message Meta still has: the oldest message it
 * returned (exclusive, as a same-second neighbour may be just past the answer's limit). Null when
 * it returned none, which proves nothing.
 */
export function answerCoversAfter(returned: readonly Pick<GraphMessage, 'createdTime'>[]): number | null {
  let oldest: number | null = null;
  for (const m of returned) oldest = oldest === null ? m.createdTime : Math.min(oldest, m.createdTime);
  return oldest;
}

/**
 * The cached customer messages an answer shows as unsent: within the span it covers and not in
 * it. `cached` are the thread's cached messages (any span: older ones are left alone). `complete`:
 * Meta said the answer is the whole thread, so a message sent in the same second as its oldest
 * one cannot be just past its limit.
 */
export function vanishedFrom(
  returned: readonly Pick<GraphMessage, 'id' | 'createdTime'>[],
  cached: readonly Message[],
  complete = false,
): Message[] {
  const after = answerCoversAfter(returned);
  if (after === null) return [];
  const ids = new Set(returned.map((m) => m.id));
  const inSpan = (t: number): boolean => t > after || (complete && t === after);
  return cached.filter((m) => inSpan(m.createdTime) && !ids.has(m.id) && !m.isDeleted && !m.isOwn && m.fromId !== null);
}

/** A message as it stays once unsent: who sent it and when, nothing of what it said or showed. */
export function asUnsent(m: Message): Message {
  return { ...m, text: '', kind: 'deleted', attachments: [], storyMention: null, storyReply: null, reactions: [], isDeleted: true };
}
