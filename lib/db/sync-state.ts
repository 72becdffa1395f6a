/** Per-account sync progress: watermark, errors, rate-limit pauses. */
import { getDB } from './desk-db';
import type { SyncState } from './schema';

export async function getSyncState(accountId: string): Promise<SyncState | undefined> {
  return (await getDB()).get('syncState', accountId);
}

export async function putSyncState(state: SyncState): Promise<void> {
  await (await getDB()).put('syncState', state);
}

export async function updateSyncState(accountId: string, patch: Partial<Omit<SyncState, 'accountId'>>): Promise<SyncState> {
  const db = await getDB();
  const tx = db.transaction('syncState', 'readwrite');
  const current: SyncState = (await tx.store.get(accountId)) ?? {
    accountId,
    watermark: 0,
    lastSyncedAt: null,
    running: false,
    error: null,
  };
  const next = { ...current, ...patch };
  await tx.store.put(next);
  await tx.done;
  return next;
}
