/** The badge counts what needs the person: open conversations that are unread or marked unread. */
import { describe, expect, it } from 'vitest';
import { needsAttention, unreadConversations } from '@/lib/attention/unread';
import { getDB, putAccount, putDeskStates } from '@/lib/db';
import type { ConversationDesk } from '@/lib/db/schema';
import { emptyDesk } from '@/lib/desk/changes';
import { recordingAttention } from '../../support/attention';
import { account, conversation } from '../../support/factories';

const desk = (id: string, over: Partial<ConversationDesk>): ConversationDesk => ({ ...emptyDesk('ig1', id, 0), ...over });

describe('needsAttention', () => {
  const c = conversation({ lastInboundTime: 10_000 });

  it('an unread conversation needs the person only while it is open', () => {
    expect(needsAttention(c, undefined, undefined, 0, 50_000)).toBe(true);
    expect(needsAttention(c, desk('c1', { doneAt: 20_000 }), undefined, 0, 50_000)).toBe(false);
    expect(needsAttention(c, desk('c1', { snooze: { until: 90_000, at: 20_000, reason: 'snooze' } }), undefined, 0, 50_000)).toBe(false);
    // The snooze ran out: it needs the person again.
    expect(needsAttention(c, desk('c1', { snooze: { until: 40_000, at: 20_000, reason: 'snooze' } }), undefined, 0, 50_000)).toBe(true);
  });

  it('marked unread after it was last opened counts, until it is opened again', () => {
    const read = conversation({ lastInboundTime: 10_000 });
    const marked = desk('c1', { markedUnreadAt: 30_000 });
    expect(needsAttention(read, undefined, 20_000, 0, 50_000)).toBe(false);
    expect(needsAttention(read, marked, 20_000, 0, 50_000)).toBe(true);
    expect(needsAttention(read, marked, 40_000, 0, 50_000)).toBe(false);
  });
});

describe('the toolbar badge', () => {
  it('leaves out done and snoozed conversations and counts marked unread ones', async () => {
    const { a, badges } = recordingAttention();
    await putAccount(account({ connectedAt: 0 }));
    const db = await getDB();
    for (const c of [
      conversation({ id: 'c1', lastInboundTime: 10_000 }),
      conversation({ id: 'c2', lastInboundTime: 10_000 }),
      conversation({ id: 'c3', lastInboundTime: 10_000 }),
      conversation({ id: 'c4', lastInboundTime: null }),
    ])
      await db.put('conversations', c);
    await a.refreshBadge();
    expect(badges.at(-1)?.text).toBe('3');
    await putDeskStates([
      desk('c1', { doneAt: 20_000 }),
      desk('c2', { snooze: { until: 90_000, at: 20_000, reason: 'snooze' } }),
      desk('c4', { markedUnreadAt: 30_000 }),
    ]);
    await a.refreshBadge();
    expect(badges.at(-1)?.text).toBe('2');
  });

  it('without desk records every conversation counts as open (the rule before the desk)', () => {
    const rows = [conversation({ id: 'c1', lastInboundTime: 10_000 })];
    expect(unreadConversations(rows, [], [account({ connectedAt: 0 })])).toHaveLength(1);
  });
});
