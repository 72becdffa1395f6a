/** Turning cached messages and notes into search documents, and keeping the search index complete. */
import { getConversation, listAccountNotes, listAccounts, listAllConversations, listMessages } from '../db';
import { countMessages, listMessagesAfterId } from '../db/archive';
import type { ContactNote, Conversation, Message } from '../db/schema';
import { noteDocId, noteSearchDoc, type SearchDoc, type SearchIndexWriter } from '../search';

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
export async function reindexConversations(index: SearchIndexWriter, rows: Conversation[]): Promise<void> {
  for (const row of rows) {
    const messages = await listMessages(row.id);
    if (messages.length > 0) await index.upsert(messages.map((m) => toSearchDoc(m, row)));
  }
}

/** Docs per index write: large enough that each term's block is written once per thousands of docs. */
export const INDEX_BATCH = 5000;

/**
 * Docs per index write of the backfill. It reads the cache in message id order, so a conversation's
 * messages are spread over the whole build and each batch rewrites the name/username terms of every
 * conversation it touches. With 10,000 conversations of ~10 messages (105,000 messages), batches
 * of 5,000 write each conversation's terms ~8 times (~82,000 writes); batches of 20,000 ~4.6 times
 * (~46,000), and every common term of the texts 4 times fewer. One such transaction holds the
 * index for a few seconds (a sync's upsert waits that long).
 */
export const BACKFILL_BATCH = 20_000;

/** How far a build of the index has come, in messages. */
export interface IndexProgress {
  done: number;
  total: number;
}

export interface BackfillOptions {
  batchSize?: number;
  /**
   * Where a build stopped with its worker resumes: the id of the last message whose batch is
   * committed (kept after each batch, cleared at the end). Each batch is one transaction and
   * upserting an indexed message again changes nothing, so a stop at any moment loses nothing.
   */
  resume?: { get(): Promise<string | null>; set(lastId: string | null): Promise<void> };
  onProgress?: (progress: IndexProgress) => void;
}

/**
 * Indexes every cached message and note once (archives cached before search existed, or imported
 * ones), in id order and in batches: the worker is never busy for long, and a build that stopped
 * resumes after the last committed batch. Answers how many docs it went through (a page puts the
 * index in time order afterwards: lib/search/compact.ts).
 */
export async function backfillSearchIndex(index: SearchIndexWriter, opts: BackfillOptions = {}): Promise<number> {
  const batchSize = opts.batchSize ?? BACKFILL_BATCH;
  const [rows, resumeAt, total] = await Promise.all([listAllConversations(), opts.resume?.get(), countMessages()]);
  const conversations = new Map(rows.map((c) => [c.id, c]));
  let lastKey = resumeAt ?? undefined;
  let done = lastKey === undefined ? 0 : await countMessages(lastKey);
  opts.onProgress?.({ done, total });
  let went = 0;
  // The next batch is read while this one is indexed (the cache and the index are two databases).
  let next = listMessagesAfterId(lastKey, batchSize);
  for (;;) {
    const batch = await next;
    if (batch.length === 0) break;
    const more = batch.length === batchSize;
    if (more) {
      next = listMessagesAfterId(batch[batch.length - 1]!.id, batchSize);
      // Waited for in the next turn; a failed index write stops the build first.
      next.catch(() => undefined);
    }
    await index.upsert(batch.map((m) => toSearchDoc(m, conversations.get(m.conversationId))));
    went += batch.length;
    done = Math.min(total, done + batch.length);
    lastKey = batch[batch.length - 1]?.id;
    await opts.resume?.set(lastKey ?? null);
    opts.onProgress?.({ done, total });
    if (!more) break;
  }
  // Notes are docs of the same index (an archive imported before they were indexed brings some).
  const notes = await indexNotes(index, undefined, conversations);
  await opts.resume?.set(null);
  opts.onProgress?.({ done: total, total });
  return went + notes;
}

/** Adds docs to the index in batches of `INDEX_BATCH`, telling `onProgress` after each. */
export async function indexInBatches(
  index: Pick<SearchIndexWriter, 'upsert'>,
  docs: SearchDoc[],
  onProgress?: (progress: IndexProgress) => void,
): Promise<void> {
  for (let i = 0; i < docs.length; i += INDEX_BATCH) {
    await index.upsert(docs.slice(i, i + INDEX_BATCH));
    onProgress?.({ done: Math.min(docs.length, i + INDEX_BATCH), total: docs.length });
  }
}

/** A note was saved or deleted: the index follows, so notes are found with the messages. */
export async function indexNote(index: Pick<SearchIndexWriter, 'upsert' | 'remove'>, note: ContactNote, removed: boolean): Promise<void> {
  if (removed) await index.remove([noteDocId(note.id)]);
  else await index.upsert([noteSearchDoc(note, await getConversation(note.conversationId))]);
}

/**
 * Indexes notes (every connected account's, or the ones given), with their contact's name
 * (from `rows` when the caller has read every conversation already).
 */
export async function indexNotes(
  index: Pick<SearchIndexWriter, 'upsert'>,
  notes?: ContactNote[],
  rows?: ReadonlyMap<string, Conversation>,
): Promise<number> {
  const all = notes ?? (await Promise.all((await listAccounts()).map((a) => listAccountNotes(a.id)))).flat();
  if (all.length === 0) return 0;
  const conversations = rows ?? new Map((await listAllConversations()).map((c) => [c.id, c]));
  await index.upsert(all.map((n) => noteSearchDoc(n, conversations.get(n.conversationId))));
  return all.length;
}
