/** The outbox as the background works through it. */
import type { OutboxItem } from './schema';
import { getDB } from './index';

/** Every outbox item, oldest first: replies go out in the order they were written. */
export async function listOutboxQueue(): Promise<OutboxItem[]> {
  const rows = await (await getDB()).getAll('outbox');
  return rows.sort((a, b) => a.createdAt - b.createdAt);
}
