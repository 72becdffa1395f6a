/** Turning cached messages and notes into search documents, and keeping the search index complete. */
import { getConversation, listAccountNotes, listAccounts, listAllConversations, listMessages } from '../db';
import { listMessagesAfterId } from '../db/archive';
import type { ContactNote, Conversation, Message } from '../db/schema';
import { noteDocId, noteSearchDoc, type SearchDoc, type SearchIndex } from '../search';

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
 * Indexes every cached message and note once (archives cached before search existed, or imported ones).
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
  // Notes are docs of the same index (an archive imported before they were indexed brings some).
  return done + (await indexNotes(index));
}

/** A note was saved or deleted: the index follows, so notes are found with the messages. */
export async function indexNote(index: Pick<SearchIndex, 'upsert' | 'remove'>, note: ContactNote, removed: boolean): Promise<void> {
  if (removed) await index.remove([noteDocId(note.id)]);
  else await index.upsert([noteSearchDoc(note, await getConversation(note.conversationId))]);
}

/** Indexes notes (every connected account's, or the ones given), with their contact's name. */
export async function indexNotes(index: Pick<SearchIndex, 'upsert'>, notes?: ContactNote[]): Promise<number> {
  const all = notes ?? (await Promise.all((await listAccounts()).map((a) => listAccountNotes(a.id)))).flat();
  if (all.length === 0) return 0;
  const conversations = new Map((await listAllConversations()).map((c) => [c.id, c]));
  await index.upsert(all.map((n) => noteSearchDoc(n, conversations.get(n.conversationId))));
  return all.length;
}
