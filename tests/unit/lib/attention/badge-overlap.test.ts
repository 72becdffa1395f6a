import { describe, expect, it, vi } from 'vitest';
import { getDB, putAccount, putOpenedState } from '@/lib/db';
import { recordingAttention } from '../../support/attention';
import { account, conversation } from '../../support/factories';

/** Holds the whole-list read after it has read, until the test lets it return. */
const hold = vi.hoisted(() => ({ gate: null as Promise<void> | null, reading: 0 }));

vi.mock('@/lib/db', async (importOriginal) => {
  const db = await importOriginal<typeof import('@/lib/db')>();
  return {
    ...db,
    listAllConversations: async () => {
      const rows = await db.listAllConversations();
      hold.reading += 1;
      if (hold.gate) await hold.gate;
      return rows;
    },
  };
});

describe('Attention badge counts that overlap', () => {
  it('does not let a whole count that read before a change put the older state back', async () => {
    const { a, badges } = recordingAttention();
    await putAccount(account());
    const db = await getDB();
    await db.put('conversations', conversation({ id: 'c1', lastInboundTime: 10_000 }));
    await db.put('conversations', conversation({ id: 'c2', lastInboundTime: 20_000 }));
    await a.refreshBadge();
    expect(badges.at(-1)?.text).toBe('2');

    // A whole count reads both as unread and is held there…
    let release = () => {};
    hold.gate = new Promise<void>((r) => (release = r));
    const reading = hold.reading;
    const whole = a.refreshBadge();
    await vi.waitFor(() => expect(hold.reading).toBe(reading + 1));

    // …while the person opens c1 and that one conversation is counted again.
    await putOpenedState({ accountId: 'ig1', conversationId: 'c1', openedAt: 40_000 });
    const one = a.refreshBadge({ changed: ['c1'] });
    await new Promise((r) => setTimeout(r, 20));
    hold.gate = null;
    release();
    await Promise.all([whole, one]);

    expect(badges.at(-1)?.text).toBe('1');
  });
});
