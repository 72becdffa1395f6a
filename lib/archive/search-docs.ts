/** Turning cached messages into search documents, and keeping the search index complete. */
import { listAllConversations, listMessages } from '../db';
import { listMessagesAfterId } from '../db/archive';
import type { Conversation, Message } from '../db/schema';
import type { SearchDoc, SearchIndex } from '../search';

export function toSearchDoc(m: Message, conversation: Conversation | undefined): SearchDoc {
  return {
    messageId: m.id,
    conversationId: m.conversationId,
    accountId: m.accountId,
    createdTime: m.createdTime,
    text: m.text,
    participantName: conversation?.participant?.name ?? null,
    participantUsername: conversation?.participant?.username ?? null,
  };
}

/**
 * Indexes a conversation's messages again with its row as it is now (the contact's name arrived
 * from the User Profile API: a search for it finds the conversation).
 */
export async function reindexConversations(index: SearchIndex, rows: Conversation[]): Promise<void> {
  for (const row of rows) {
    const messages = await listMessages(row.id);
    if (messages.length > 0) await index.upsert(messages.map((m) => toSearchDoc(m, row)));
  }
}

/**
 * Indexes every cached message once (archives cached before search existed, or imported ones).
 * Works in batches so the worker is never busy for long; upsert skips what is already indexed.
 */
export async function backfillSearchIndex(index: SearchIndex, batchSize = 500): Promise<number> {
  const conversations = new Map((await listAllConversations()).map((c) => [c.id, c]));
  let done = 0;
  let lastKey: string | undefined;
  for (;;) {
    const batch = await listMessagesAfterId(lastKey, batchSize);
    if (batch.length === 0) break;
    await index.upsert(batch.map((m) => toSearchDoc(m, conversations.get(m.conversationId))));
    done += batch.length;
    lastKey = batch[batch.length - 1]?.id;
    if (batch.length < batchSize) break;
  }
  return done;
}
