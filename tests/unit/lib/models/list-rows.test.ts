import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import type { Conversation } from '@/lib/db/schema';
import { createConversationListModel } from '@/lib/models/conversation-list';
import { mergeRows, patchViews } from '@/lib/models/list-rows';
import { account, conversation } from '../../support/factories';
import { fakeInboxDeps, synced } from '../../support/inbox-deps';

const tick = () => new Promise((r) => setTimeout(r, 0));
const named = (c: Conversation, username: string): Conversation => ({ ...c, participant: { ...c.participant, username } });

describe('mergeRows', () => {
  const rows = [
    conversation({ id: 'a', updatedTime: 300 }),
    conversation({ id: 'b', updatedTime: 200, lastInboundTime: 200 }),
    conversation({ id: 'c', updatedTime: 100 }),
  ];

  it('swaps a row that keeps its place where it is, and says so', () => {
    const merged = mergeRows(rows, [named(rows[1]!, 'new')]);
    expect(merged.rows.map((c) => c.participant.username)).toEqual(['maria', 'new', 'maria']);
    expect(merged.inPlace?.changed.get('b')?.participant.username).toBe('new');
    expect(merged.inPlace?.from).toBe(rows);
    expect(merged.inPlace?.to).toBe(merged.rows);
    // The list it was given is left as it was.
    expect(rows[1]!.participant.username).toBe('maria');
  });

  it('moves a row with a newer message, adds new ones, and keeps the newest first', () => {
    const merged = mergeRows(rows, [{ ...rows[2]!, updatedTime: 400 }, conversation({ id: 'd', updatedTime: 250 })]);
    expect(merged.rows.map((c) => c.id)).toEqual(['c', 'a', 'd', 'b']);
    expect(merged.inPlace).toBeNull();
  });

  it('does not swap in place a row whose customer wrote or was answered (its views may change)', () => {
    expect(mergeRows(rows, [{ ...rows[1]!, lastReplyTime: 250 }]).inPlace).toBeNull();
    expect(mergeRows(rows, [{ ...rows[0]!, lastInboundTime: 300 }]).inPlace).toBeNull();
  });

  it('patches the views it names and keeps the others as they are', () => {
    const lists = { inbox: [...rows], 'needs-reply': [rows[1]!], snoozed: [], done: [rows[2]!], pinned: [] };
    const next = patchViews(lists, new Map([['b', named(rows[1]!, 'new')]]));
    expect(next['needs-reply'][0]!.participant.username).toBe('new');
    expect(next.inbox.map((c) => c.participant.username)).toEqual(['maria', 'new', 'maria']);
    expect(next.done).toBe(lists.done);
  });
});

describe('the list model with rows changed in place', () => {
  it('shows a name that arrived, without splitting the views or the unread rows again', async () => {
    const rows = Array.from({ length: 300 }, (_, i) =>
      conversation({ id: `c${i}`, updatedTime: 10_000 - i, lastInboundTime: i % 2 === 0 ? 10_000 - i : null }),
    );
    const { deps, world } = fakeInboxDeps({ accounts: [account()], conversations: { ig1: rows }, sync: { ig1: synced('ig1') } });
    const list = createConversationListModel(deps, {
      accountId: 'ig1',
      account: signal(account({ connectedAt: 0 })),
      opened: signal(new Map<string, number>()),
      openId: signal(null),
    });
    await list.load();
    const unread = list.unreadIds.value;
    const counts = list.counts.value;
    const labelCounts = list.labelCounts.value;
    world.conversations['ig1'] = rows.map((c) => (c.id === 'c4' || c.id === 'c7' ? named(c, `name-${c.id}`) : c));
    list.onNotice({ type: 'conversations-changed', accountId: 'ig1', conversationIds: ['c4', 'c7'] });
    await tick();
    expect(list.visibleConversations.value?.[4]?.participant.username).toBe('name-c4');
    expect(list.views.value['needs-reply'].find((c) => c.id === 'c4')?.participant.username).toBe('name-c4');
    expect(list.conversations.value?.[7]?.participant.username).toBe('name-c7');
    expect(list.unreadIds.value).toBe(unread);
    expect(list.counts.value).toEqual(counts);
    expect(list.labelCounts.value).toBe(labelCounts);
    // A customer writing moves the row and makes it unread, as before.
    world.conversations['ig1'] = [{ ...rows[9]!, updatedTime: 20_000, lastInboundTime: 20_000 }, ...rows.filter((c) => c.id !== 'c9')];
    list.onNotice({ type: 'conversations-changed', accountId: 'ig1', conversationIds: ['c9'] });
    await tick();
    expect(list.visibleConversations.value?.[0]?.id).toBe('c9');
    expect(list.unreadIds.value.has('c9')).toBe(true);
    expect(list.views.value['needs-reply'].at(-1)?.id).toBe('c9');
  });

  it('leaves the open conversation out of the unread rows, and puts it back once it is closed', async () => {
    const rows = [
      conversation({ id: 'a', updatedTime: 2, lastInboundTime: 2 }),
      conversation({ id: 'b', updatedTime: 1, lastInboundTime: 1 }),
    ];
    const { deps } = fakeInboxDeps({ accounts: [account()], conversations: { ig1: rows }, sync: { ig1: synced('ig1') } });
    const openId = signal<string | null>(null);
    const list = createConversationListModel(deps, {
      accountId: 'ig1',
      account: signal(account({ connectedAt: 0 })),
      opened: signal(new Map()),
      openId,
    });
    await list.load();
    expect([...list.unreadIds.value]).toEqual(['a', 'b']);
    openId.value = 'a';
    expect([...list.unreadIds.value]).toEqual(['b']);
    openId.value = null;
    expect([...list.unreadIds.value]).toEqual(['a', 'b']);
  });
});
