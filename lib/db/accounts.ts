/** Connected accounts, and removing an account with everything stored for it. */
import { getDB } from './desk-db';
import type { Account } from './schema';

export async function listAccounts(): Promise<Account[]> {
  const all = await (await getDB()).getAll('accounts');
  return all.sort((a, b) => a.order - b.order);
}

export async function getAccount(id: string): Promise<Account | undefined> {
  return (await getDB()).get('accounts', id);
}

export async function putAccount(account: Account): Promise<void> {
  await (await getDB()).put('accounts', account);
}

/**
 * Removes an account and everything stored for it, in one transaction over every store: a store
 * added later is cleared too, as long as its records carry the `accountId` field. Messages, the
 * one large store, are found through their conversations' index instead of being read one by one.
 */
export async function deleteAccountData(accountId: string): Promise<void> {
  const db = await getDB();
  const stores = [...db.objectStoreNames];
  const tx = db.transaction(stores, 'readwrite');
  const conversationIds = new Set<string>();
  await tx.objectStore('accounts').delete(accountId);
  for (const name of stores) {
    if (name === 'messages' || name === 'accounts') continue;
    const store = tx.objectStore(name);
    for (let cursor = await store.openCursor(); cursor; cursor = await cursor.continue()) {
      const value: unknown = cursor.value;
      if (!isRecord(value) || value.accountId !== accountId) continue;
      if (typeof value.conversationId === 'string') conversationIds.add(value.conversationId);
      if (name === 'conversations' && typeof value.id === 'string') conversationIds.add(value.id);
      await cursor.delete();
    }
  }
  const messageIndex = tx.objectStore('messages').index('by-conversation-time');
  for (const id of conversationIds) {
    const range = IDBKeyRange.bound([id, -Infinity], [id, Infinity]);
    for (let cursor = await messageIndex.openCursor(range); cursor; cursor = await cursor.continue()) {
      if (cursor.value.accountId === accountId) await cursor.delete();
    }
  }
  await tx.done;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
