/** Images picked for a reply, kept until they are sent or discarded. */
import { getDB } from './desk-db';
import type { PendingUpload } from './schema';

export async function listUploads(conversationId: string): Promise<PendingUpload[]> {
  const rows = await (await getDB()).getAllFromIndex('uploads', 'by-conversation', conversationId);
  return rows.sort((a, b) => a.addedAt - b.addedAt);
}

export async function getUploads(ids: string[]): Promise<PendingUpload[]> {
  const db = await getDB();
  const rows = await Promise.all(ids.map((id) => db.get('uploads', id)));
  return rows.filter((r): r is PendingUpload => r !== undefined);
}

export async function putUpload(upload: PendingUpload): Promise<void> {
  await (await getDB()).put('uploads', upload);
}

export async function deleteUploads(ids: string[]): Promise<void> {
  const db = await getDB();
  const tx = db.transaction('uploads', 'readwrite');
  await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
}
