import { describe, expect, it } from 'vitest';
import type { Account, Conversation, ConversationDesk, Label, OpenedState } from '@/lib/db/schema';
import { filterConversations, filterScope, type FilterReads } from '@/lib/models/search-filters';
import { parseSearchInput } from '@/lib/search';
import { account, conversation, deskRecord } from '../../support/factories';

const NOW = 10_000_000;
const labels: Label[] = [
  { id: 'l-vip', name: 'VIP', color: 'red', order: 0, createdAt: 0 },
  { id: 'l-eu', name: 'Wholesale EU', color: 'blue', order: 1, createdAt: 0 },
];
const record = deskRecord;

function readsOf(data: { rows: Conversation[]; desk: ConversationDesk[]; opened?: OpenedState[]; accounts?: Account[] }): FilterReads {
  return {
    listLabels: async () => labels,
    getDeskStates: async (accountId) => data.desk.filter((d) => d.accountId === accountId),
    getAllDeskStates: async () => data.desk,
    getConversations: async (ids) => data.rows.filter((c) => ids.includes(c.id)),
    listConversations: async (accountId) => data.rows.filter((c) => c.accountId === accountId),
    listAllConversations: async () => data.rows,
    getOpenedStates: async () => data.opened ?? [],
    listAccounts: async () => data.accounts ?? [account(), account({ id: 'ig2', username: 'other' })],
  };
}

/** `all` searches every connected account. */
async function ids(input: string, reads: FilterReads, accountId = 'ig1'): Promise<string[]> {
  const outcome = await filterConversations(parseSearchInput(input), labels, accountId === 'all' ? undefined : accountId, reads, NOW);
  if (outcome.kind !== 'matches') throw new Error(`no label: ${outcome.name}`);
  return outcome.conversations.map((c) => c.id);
}

describe('filterConversations', () => {
  it('is:unread alone: the customer wrote since it was opened, or it was marked unread since', async () => {
    const reads = readsOf({
      // Out of time order: the result is newest first all the same.
      rows: [
        conversation({ id: 'wrote-after-open', updatedTime: 300, lastInboundTime: 5000 }),
        conversation({ id: 'opened-after', updatedTime: 900, lastInboundTime: 5000 }),
        conversation({ id: 'never-opened', updatedTime: 800, lastInboundTime: 5000 }),
        conversation({ id: 'marked', updatedTime: 700, lastInboundTime: null }),
        conversation({ id: 'marked-then-opened', updatedTime: 600, lastInboundTime: null }),
        conversation({ id: 'no-customer-message', updatedTime: 500, lastInboundTime: null }),
        conversation({ id: 'other-account', accountId: 'ig2', updatedTime: 950, lastInboundTime: 5000 }),
      ],
      desk: [record('marked', { markedUnreadAt: 7000 }), record('marked-then-opened', { markedUnreadAt: 7000 })],
      opened: [
        { conversationId: 'wrote-after-open', accountId: 'ig1', openedAt: 4000 },
        { conversationId: 'opened-after', accountId: 'ig1', openedAt: 6000 },
        { conversationId: 'marked', accountId: 'ig1', openedAt: 6000 },
        { conversationId: 'marked-then-opened', accountId: 'ig1', openedAt: 8000 },
      ],
    });
    expect(await ids('is:unread', reads)).toEqual(['never-opened', 'marked', 'wrote-after-open']);
    expect(await ids('is:unread', reads, 'all')).toEqual(['other-account', 'never-opened', 'marked', 'wrote-after-open']);
  });

  it('combines labels and states whichever list of records it starts from', async () => {
    const rows = ['a', 'b', 'c', 'd', 'e'].map((id, i) => conversation({ id, updatedTime: 100 * i, lastInboundTime: 50 }));
    const desk = [
      // A label twice on one record still lists the conversation once.
      record('a', { labelIds: ['l-vip', 'l-vip'], doneAt: 1000 }),
      record('b', { labelIds: ['l-vip', 'l-eu'], doneAt: 1000, pinnedAt: 1 }),
      record('c', { labelIds: ['l-eu'], snooze: { until: NOW + 1, at: 1000, reason: 'snooze' } }),
      record('d', { labelIds: ['l-vip'], snooze: { until: NOW - 1, at: 1000, reason: 'snooze' } }),
      record('e', { labelIds: ['l-vip'], pinnedAt: 1 }),
    ];
    const reads = readsOf({ rows, desk });
    expect(await ids('label:vip', reads)).toEqual(['e', 'd', 'b', 'a']);
    expect(await ids('label:vip is:done', reads)).toEqual(['b', 'a']);
    expect(await ids('is:done label:vip label:"wholesale eu"', reads)).toEqual(['b']);
    expect(await ids('is:pinned label:vip', reads)).toEqual(['e', 'b']);
    // A snooze that has run out is not snoozed.
    expect(await ids('is:snoozed', reads)).toEqual(['c']);
    expect(await ids('label:eu is:snoozed', reads).catch((e: Error) => e.message)).toBe('no label: eu');
    expect(await ids('label:"wholesale eu" is:snoozed', reads)).toEqual(['c']);
  });

  it('sees a changed record and a disconnected account at once', async () => {
    const data = {
      rows: [conversation({ id: 'a', updatedTime: 2 }), conversation({ id: 'x', accountId: 'ig2', updatedTime: 1 })],
      desk: [record('a', { labelIds: ['l-vip'] }), record('x', { accountId: 'ig2', labelIds: ['l-vip'] })],
    };
    const reads = readsOf(data);
    expect(await ids('label:vip', reads, 'all')).toEqual(['a', 'x']);
    data.desk = [record('a'), record('x', { accountId: 'ig2', labelIds: ['l-vip'] })];
    expect(await ids('label:vip', reads, 'all')).toEqual(['x']);
    const withoutIg2 = readsOf({ ...data, accounts: [account()] });
    expect(await ids('label:vip', withoutIg2, 'all')).toEqual([]);
    expect(await ids('label:vip', withoutIg2, 'ig2')).toEqual([]);
  });

  it('scopes a search with words by labels and pins without reading a row, and by states with them', async () => {
    const rows = [
      conversation({ id: 'a', updatedTime: 3, lastInboundTime: 500 }),
      conversation({ id: 'b', updatedTime: 2, lastInboundTime: 500 }),
      conversation({ id: 'c', updatedTime: 1, lastInboundTime: 2000 }),
    ];
    const desk = [
      record('a', { labelIds: ['l-vip'], pinnedAt: 1 }),
      record('b', { labelIds: ['l-vip'], doneAt: 1000 }),
      // Done, then the customer wrote again: open.
      record('c', { labelIds: ['l-vip'], doneAt: 1000 }),
    ];
    const asked: string[][] = [];
    const reads = readsOf({ rows, desk });
    const getConversations = reads.getConversations;
    reads.getConversations = async (ids) => (asked.push(ids), getConversations(ids));
    const scope = async (input: string) => {
      const out = await filterScope(parseSearchInput(input), labels, 'ig1', reads, NOW);
      return out.kind === 'within' ? [...out.conversationIds].sort() : out;
    };
    expect(await scope('label:vip refund')).toEqual(['a', 'b', 'c']);
    expect(await scope('is:pinned refund')).toEqual(['a']);
    expect(asked).toEqual([]);
    expect(await scope('label:vip is:done refund')).toEqual(['b']);
    expect(asked).toEqual([['b', 'c']]);
    expect(await scope('label:nope refund')).toEqual({ kind: 'unknown-label', name: 'nope' });
    const gone = await filterScope(parseSearchInput('label:vip refund'), labels, 'ig3', reads, NOW);
    expect(gone).toEqual({ kind: 'within', conversationIds: new Set() });
  });
});
