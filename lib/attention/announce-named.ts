/**
 * A new customer's notification waits a moment for their name (Meta's conversation list carries
 * only usernames). Each conversation is announced as soon as its contact's name is in, not after
 * every other new customer's of the same sync; messages that make one grouped notification wait
 * for every name. When the wait is over, what is left is announced with what the rows have.
 */
import type { Conversation, Message } from '../db/schema';
import { GROUP_ABOVE } from '.';

export interface NamedAnnouncementDeps {
  /** The rows as cached now. */
  read(conversationIds: string[]): Promise<Conversation[]>;
  /** Resolves once names changed since the last call (at once if they did); false when the wait is over. */
  namesChanged(): Promise<boolean>;
  announce(messages: Message[], conversations: Map<string, Conversation>): Promise<void>;
}

/** `messages`: a sync's new messages from customers. */
export async function announceAsNamed(
  messages: readonly Message[],
  conversations: ReadonlyMap<string, Conversation>,
  deps: NamedAnnouncementDeps,
): Promise<void> {
  const rows = new Map(conversations);
  const named = (m: Message) => rows.get(m.conversationId)?.participant.name !== undefined;
  const grouped = messages.length > GROUP_ABOVE;
  let left = [...messages];
  for (;;) {
    const ready = grouped ? (left.every(named) ? left : []) : left.filter(named);
    if (ready.length > 0) {
      left = left.filter((m) => !ready.includes(m));
      await deps.announce(ready, rows);
    }
    if (left.length === 0) return;
    const waiting = await deps.namesChanged();
    for (const c of await deps.read([...new Set(left.map((m) => m.conversationId))])) rows.set(c.id, c);
    if (!waiting) break;
  }
  await deps.announce(left, rows);
}
