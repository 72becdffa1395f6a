import { describe, expect, it } from 'vitest';
import { getDB, getDeskStates } from '@/lib/db';
import type { ConversationDesk } from '@/lib/db/schema';
import { emptyDesk } from '@/lib/desk/changes';

const record = (conversationId: string, accountId: string): ConversationDesk => ({ ...emptyDesk(accountId, conversationId, 1), doneAt: 1 });

describe('desk records of an account read in pages', () => {
  it('gives the same records as one read, pausing between pages', async () => {
    const db = await getDB();
    const tx = db.transaction('desk', 'readwrite');
    // Two accounts' records interleaved by id, more than two pages' worth.
    for (let i = 0; i < 4500; i++) void tx.store.put(record(`c${String(i).padStart(5, '0')}`, i % 3 === 0 ? 'ig2' : 'ig1'));
    await tx.done;

    let pauses = 0;
    const paced = await getDeskStates('ig1', { pace: async () => (pauses++, 'quiet' as const) });
    const whole = await getDeskStates('ig1');
    expect(pauses).toBe(3);
    expect(paced).toHaveLength(3000);
    expect(paced.map((d) => d.conversationId).sort()).toEqual(whole.map((d) => d.conversationId).sort());
    expect(paced.every((d) => d.accountId === 'ig1')).toBe(true);
  });
});
