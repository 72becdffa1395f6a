/** The list's desk views: what each view holds, its counts, the label filter, the clock, and actions with Undo. */
import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import type { Conversation, ConversationDesk } from '@/lib/db/schema';
import { applyDeskChange, emptyDesk, type DeskChange } from '@/lib/desk/changes';
import { createConversationListModel } from '@/lib/models/conversation-list';
import { rowDesk } from '@/lib/models/desk-views';
import type { Notice, Requests } from '@/lib/messaging/protocol';
import { account, conversation } from '../../support/factories';
import { fakeInboxDeps, synced } from '../../support/inbox-deps';

const tick = () => new Promise((r) => setTimeout(r, 0));
const NOW = 1_000_000;
const desk = (id: string, over: Partial<ConversationDesk>): ConversationDesk => ({ ...emptyDesk('ig1', id, 0), ...over });

function setup(rows: Conversation[], desks: ConversationDesk[]) {
  const { deps, world } = fakeInboxDeps({ accounts: [account()], conversations: { ig1: rows }, sync: { ig1: synced('ig1') } });
  const store = new Map(desks.map((d) => [d.conversationId, d]));
  const clock = signal(NOW);
  const later: { list?: ReturnType<typeof createConversationListModel> } = {};
  const requests: Array<Requests['updateDesk']['request']> = [];
  deps.getDeskStates = async () => [...store.values()];
  // The background: applies the change and announces it.
  deps.request = (async (name: string, payload: Requests['updateDesk']['request']) => {
    if (name !== 'updateDesk') return null;
    requests.push(payload);
    for (const id of payload.conversationIds) {
      const next = applyDeskChange(store.get(id), payload.change, { accountId: 'ig1', conversationId: id }, clock.value);
      if (next) store.set(id, next);
      else store.delete(id);
    }
    const notice: Notice = { type: 'desk-changed', accountId: 'ig1', conversationIds: payload.conversationIds };
    setTimeout(() => later.list?.onNotice(notice), 0);
    return null;
  }) as typeof deps.request;
  const list = createConversationListModel(deps, {
    accountId: 'ig1',
    account: signal(account({ connectedAt: 0 })),
    opened: signal(new Map<string, number>()),
    openId: signal<string | null>(null),
    now: clock,
  });
  later.list = list;
  const ids = (v: keyof ReturnType<typeof list.views.peek>) => list.views.value[v].map((c) => c.id);
  return { list, clock, store, requests, ids, world };
}

const rows = [
  conversation({ id: 'new', updatedTime: 9000, lastInboundTime: NOW - 1000 }),
  conversation({ id: 'waiting', updatedTime: 8000, lastInboundTime: NOW - 50_000 }),
  conversation({ id: 'answered', updatedTime: 7000, lastInboundTime: 500, lastReplyTime: 600 }),
  conversation({ id: 'done', updatedTime: 6000, lastInboundTime: 500 }),
  conversation({ id: 'snoozed', updatedTime: 5000, lastInboundTime: 500 }),
  conversation({ id: 'pinned', updatedTime: 4000, lastInboundTime: 500, lastReplyTime: 600 }),
];
const desks = [
  desk('done', { doneAt: NOW - 10_000 }),
  desk('snoozed', { snooze: { until: NOW + 60_000, at: NOW - 10_000, reason: 'snooze' } }),
  desk('pinned', { pinnedAt: NOW - 5000, labelIds: ['vip'] }),
  desk('new', { labelIds: ['vip', 'billing'] }),
];

describe('the list’s desk views', () => {
  it('splits the rows: pinned on top of the Inbox, Needs reply within it, Snoozed, Done, Pinned, with counts', async () => {
    const { list, ids } = setup(rows, desks);
    await list.load();
    expect(list.view.value).toBe('inbox');
    expect(ids('inbox')).toEqual(['pinned', 'new', 'waiting', 'answered']);
    expect(ids('needs-reply')).toEqual(['waiting', 'new']);
    expect(ids('snoozed')).toEqual(['snoozed']);
    expect(ids('done')).toEqual(['done']);
    expect(ids('pinned')).toEqual(['pinned']);
    expect(list.counts.value).toEqual({ inbox: 4, 'needs-reply': 2, snoozed: 1, done: 1, pinned: 1 });
    list.setView('done');
    expect(list.visibleConversations.value?.map((c) => c.id)).toEqual(['done']);
  });

  it('a snooze ending while the list is on screen moves its row back on the next tick, without a read', async () => {
    const { list, clock, ids } = setup(rows, desks);
    await list.load();
    clock.value = NOW + 30_000;
    expect(ids('snoozed')).toEqual(['snoozed']);
    clock.value = NOW + 60_000;
    expect(ids('snoozed')).toEqual([]);
    expect(ids('inbox')).toContain('snoozed');
    expect(rowDesk(rows[4]!, desks[1], undefined, clock.value, 'UTC').note).toBe('Back from snooze');
  });

  it('the label filter keeps rows carrying every selected label (AND); label counts are of the current view', async () => {
    const { list, ids } = setup(rows, desks);
    await list.load();
    expect(list.labelCounts.value).toEqual(
      new Map([
        ['vip', 2],
        ['billing', 1],
      ]),
    );
    list.setLabelFilter(['vip']);
    expect(ids('inbox')).toEqual(['pinned', 'new']);
    expect(list.counts.value.inbox).toBe(2);
    list.setLabelFilter(['vip', 'billing']);
    expect(ids('inbox')).toEqual(['new']);
    list.setLabelFilter([]);
    expect(list.counts.value.inbox).toBe(4);
  });

  it('a done conversation comes back to the Inbox when the customer writes', async () => {
    const { list, ids, world } = setup(rows, desks);
    await list.load();
    world.conversations['ig1'] = rows.map((c) => (c.id === 'done' ? { ...c, lastInboundTime: NOW, updatedTime: 10_000 } : c));
    list.onNotice({ type: 'conversations-changed', accountId: 'ig1', conversationIds: ['done'] });
    await tick();
    await tick();
    expect(ids('done')).toEqual([]);
    expect(ids('inbox')).toEqual(['pinned', 'done', 'new', 'waiting', 'answered']);
  });
});

describe('desk actions', () => {
  it('Done asks the background, the row moves to Done, and Undo puts back what was there (a snooze included)', async () => {
    const { list, ids, requests } = setup(rows, desks);
    await list.load();
    expect(await list.act('snoozed', { kind: 'done' })).toBe(true);
    await tick();
    expect(ids('done')).toEqual(['snoozed', 'done']);
    expect(list.toast.value?.message).toBe('Marked maria done');
    await list.undo();
    await tick();
    expect(ids('snoozed')).toEqual(['snoozed']);
    expect(requests.at(-1)?.change).toEqual({
      kind: 'restore',
      state: {
        doneAt: null,
        snooze: { until: NOW + 60_000, at: NOW - 10_000, reason: 'snooze' },
        returned: null,
        pinnedAt: null,
        markedUnreadAt: null,
      },
    } satisfies DeskChange);
    expect(list.toast.value?.message).toBe('Undone');
  });

  it('a refused change says why in the toast, with no Undo', async () => {
    const { DeskError } = await import('@/lib/errors');
    // A background that refuses.
    const deps = fakeInboxDeps({ accounts: [account()], conversations: { ig1: rows } }).deps;
    deps.request = (async () => {
      throw new DeskError('invalid-request', 'Pick a time in the future to snooze until.');
    }) as typeof deps.request;
    const l = createConversationListModel(deps, {
      accountId: 'ig1',
      account: signal(null),
      opened: signal(new Map()),
      openId: signal(null),
    });
    await l.load();
    expect(await l.act('new', { kind: 'snooze', until: 1 })).toBe(false);
    expect(l.toast.value).toMatchObject({ message: 'Pick a time in the future to snooze until.', error: true });
    expect(l.toast.value?.undo).toBeUndefined();
  });

  it('Done & next: the next waiting row below, else the next row, else the one above', async () => {
    const { list } = setup(rows, desks);
    await list.load();
    // Inbox: pinned, new, waiting, answered.
    expect(list.nextAfter('pinned')).toBe('new');
    expect(list.nextAfter('waiting')).toBe('answered');
    expect(list.nextAfter('answered')).toBe('waiting');
  });

  it('marked unread counts as unread until it is opened', async () => {
    const { list } = setup(rows, [...desks, desk('answered', { markedUnreadAt: NOW })]);
    await list.load();
    expect(list.unreadIds.value.has('answered')).toBe(true);
  });
});
