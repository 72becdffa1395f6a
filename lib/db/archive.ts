/**
 * Reads for the archive: what an export contains, how much each account takes, which accounts may
 * take imported records, and the cached messages in batches (to fill the search index).
 */
import type { Account, Conversation, Message } from './schema';
import { getDB } from './index';

/** The accounts, and the conversations of an export with their messages (oldest first per conversation). */
export async function readArchiveScope(scope: {
  accountIds?: string[];
  conversationId?: string;
}): Promise<{ accounts: Account[]; conversations: Conversation[]; messages: Message[] }> {
  const db = await getDB();
  const accounts = await db.getAll('accounts');
  let conversations: Conversation[];
  if (scope.conversationId) {
    const c = await db.get('conversations', scope.conversationId);
    conversations = c ? [c] : [];
  } else {
    const ids = new Set(scope.accountIds ?? accounts.map((a) => a.id));
    conversations = (await db.getAll('conversations')).filter((c) => ids.has(c.accountId));
  }
  const messages: Message[] = [];
  const index = db.transaction('messages').store.index('by-conversation-time');
  for (const c of conversations) {
    messages.push(...(await index.getAll(IDBKeyRange.bound([c.id, -Infinity], [c.id, Infinity]))));
  }
  return { accounts, conversations, messages };
}

/** Messages per read of `archiveSizes`: one request each, and each its own short transaction. */
const SIZE_BATCH = 5000;

/**
 * Bytes each account's archive takes (as stored JSON), and message counts. Read in batches of
 * short transactions, so that a write waiting for the cache (an import, a sync) gets in between.
 */
export async function archiveSizes(): Promise<Map<string, { messages: number; bytes: number }>> {
  const sizes = new Map<string, { messages: number; bytes: number }>();
  let after: string | undefined;
  for (;;) {
    const batch = await listMessagesAfterId(after, SIZE_BATCH);
    for (const m of batch) {
      const entry = sizes.get(m.accountId) ?? { messages: 0, bytes: 0 };
      entry.messages += 1;
      entry.bytes += JSON.stringify(m).length;
      sizes.set(m.accountId, entry);
    }
    if (batch.length < SIZE_BATCH) break;
    after = batch[batch.length - 1]!.id;
  }
  return sizes;
}

/** The ids of the accounts connected here. */
export async function listAccountIds(): Promise<string[]> {
  return (await (await getDB()).getAllKeys('accounts')).map(String);
}

/** Up to `limit` cached messages in id order, after `afterId` (from the first when undefined). */
export async function listMessagesAfterId(afterId: string | undefined, limit: number): Promise<Message[]> {
  const range = afterId === undefined ? undefined : IDBKeyRange.lowerBound(afterId, true);
  return (await getDB()).getAll('messages', range, limit);
}

/** How many messages are cached (up to and including `upToId`, in id order, when given). */
export async function countMessages(upToId?: string): Promise<number> {
  return (await getDB()).count('messages', upToId === undefined ? undefined : IDBKeyRange.upperBound(upToId));
}

/** Up to `limit` conversation rows in id order after `afterId` (an export reads them in batches). */
export async function listConversationsAfterId(afterId: string | undefined, limit: number): Promise<Conversation[]> {
  const range = afterId === undefined ? undefined : IDBKeyRange.lowerBound(afterId, true);
  return (await getDB()).getAll('conversations', range, limit);
}

/** The messages of each conversation, oldest first (as `readArchiveScope` orders them), in one read. */
export async function listMessagesOf(conversationIds: string[]): Promise<Message[][]> {
  const index = (await getDB()).transaction('messages').store.index('by-conversation-time');
  return Promise.all(conversationIds.map((id) => index.getAll(IDBKeyRange.bound([id, -Infinity], [id, Infinity]))));
}
