/** Replies on their way to Meta (the persistent outbox). */
import { getDB } from './desk-db';
import type { OutboxItem } from './schema';

export async function listOutbox(conversationId: string): Promise<OutboxItem[]> {
  const rows = await (await getDB()).getAllFromIndex('outbox', 'by-conversation', conversationId);
  return rows.sort((a, b) => a.createdAt - b.createdAt);
}

export async function listOutboxByState(state: OutboxItem['state']): Promise<OutboxItem[]> {
  return (await getDB()).getAllFromIndex('outbox', 'by-state', state);
}

export async function getOutboxItem(id: string): Promise<OutboxItem | undefined> {
  return (await getDB()).get('outbox', id);
}

export async function putOutboxItem(item: OutboxItem): Promise<void> {
  await (await getDB()).put('outbox', item);
}

/**
 * Writes a new version of an outbox item only while the item is still stored and its account is
 * still connected (one transaction). False when it is gone: deleted, or its account disconnected
 * while a request was under way; nothing of it is written back then.
 */
export async function replaceOutboxItem(item: OutboxItem): Promise<boolean> {
  const db = await getDB();
  const tx = db.transaction(['outbox', 'accounts'], 'readwrite');
  const [stored, account] = await Promise.all([
    tx.objectStore('outbox').getKey(item.id),
    tx.objectStore('accounts').getKey(item.accountId),
  ]);
  const live = stored !== undefined && account !== undefined;
  if (live) await tx.objectStore('outbox').put(item);
  await tx.done;
  return live;
}

export async function deleteOutboxItem(id: string): Promise<void> {
  await (await getDB()).delete('outbox', id);
}
