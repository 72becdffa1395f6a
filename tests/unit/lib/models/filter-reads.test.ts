import { describe, expect, it } from 'vitest';
import type { Conversation, ConversationDesk } from '@/lib/db/schema';
import type { Notice } from '@/lib/messaging/protocol';
import { cachedFilterReads } from '@/lib/models/filter-reads';
import type { FilterReads } from '@/lib/models/search-filters';

const row = (id: string, accountId = 'a1', updatedTime = 0) => ({ id, accountId, updatedTime }) as unknown as Conversation;
const desk = (conversationId: string, accountId = 'a1') => ({ conversationId, accountId, labelIds: [] }) as unknown as ConversationDesk;

function setup() {
  const calls: string[] = [];
  const db = { rows: [row('c1'), row('c2'), row('c3', 'a2')], desk: [desk('c1')] };
  const reads: FilterReads = {
    listLabels: async () => (calls.push('labels'), []),
    listAccounts: async () => (calls.push('accounts'), [{ id: 'a1' }, { id: 'a2' }] as never),
    getOpenedStates: async () => (calls.push('opened'), []),
    getAllDeskStates: async () => (calls.push('allDesk'), db.desk),
    getDeskStates: async (a) => (calls.push(`desk ${a}`), db.desk.filter((d) => d.accountId === a)),
    getConversations: async (ids) => (calls.push(`rows ${ids.join(',')}`), db.rows.filter((c) => ids.includes(c.id))),
    listConversations: async (a) => (calls.push(`list ${a}`), db.rows.filter((c) => c.accountId === a)),
    listAllConversations: async () => (calls.push('listAll'), db.rows),
  };
  let listener: (n: Notice) => void = () => undefined;
  const cached = cachedFilterReads(reads, (l) => (listener = l));
  return { calls, db, cached, notify: (n: Notice) => listener(n) };
}

describe('the search filters’ reads kept between queries', () => {
  it('reads labels, desk records and rows once for many queries', async () => {
    const { calls, cached } = setup();
    for (let i = 0; i < 3; i++) {
      await cached.listLabels();
      await cached.getDeskStates('a1');
      expect((await cached.getConversations(['c1', 'c2'])).map((c) => c.id)).toEqual(['c1', 'c2']);
    }
    expect(calls).toEqual(['labels', 'desk a1', 'rows c1,c2']);
  });

  it('reads again only what a notice says changed', async () => {
    const { calls, cached, notify } = setup();
    await Promise.all([cached.listLabels(), cached.getDeskStates('a1'), cached.getDeskStates('a2'), cached.getOpenedStates()]);
    await cached.getConversations(['c1', 'c2']);
    calls.length = 0;
    notify({ type: 'desk-changed', accountId: 'a1', conversationIds: ['c1'] });
    notify({ type: 'conversations-changed', accountId: 'a1', conversationIds: ['c2'] });
    notify({ type: 'read-changed' });
    await Promise.all([cached.listLabels(), cached.getDeskStates('a1'), cached.getDeskStates('a2'), cached.getOpenedStates()]);
    await cached.getConversations(['c1', 'c2']);
    expect(calls).toEqual(['desk a1', 'opened', 'rows c2']);
    calls.length = 0;
    notify({ type: 'labels-changed' });
    await Promise.all([cached.listLabels(), cached.getDeskStates('a2')]);
    expect(calls).toEqual(['labels', 'desk a2']);
  });

  it('keeps a whole account whole when a sync adds a conversation to it', async () => {
    const { calls, db, cached, notify } = setup();
    expect((await cached.listConversations('a1')).map((c) => c.id)).toEqual(['c1', 'c2']);
    db.rows.push(row('c4'));
    notify({ type: 'conversations-changed', accountId: 'a1', conversationIds: ['c4'] });
    expect((await cached.listConversations('a1')).map((c) => c.id)).toEqual(['c1', 'c2', 'c4']);
    expect(calls).toEqual(['list a1', 'rows c4']);
  });

  it('hands out an account’s rows newest first, as the same array until one of them changes', async () => {
    const { db, cached, notify } = setup();
    db.rows = [row('c1', 'a1', 1), row('c2', 'a1', 3), row('c3', 'a2', 2)];
    const first = await cached.listConversations('a1');
    expect(first.map((c) => c.id)).toEqual(['c2', 'c1']);
    expect(await cached.listConversations('a1')).toBe(first);
    const all = await cached.listAllConversations();
    expect(all.map((c) => c.id)).toEqual(['c2', 'c3', 'c1']);
    db.rows[0] = row('c1', 'a1', 4);
    notify({ type: 'conversations-changed', accountId: 'a1', conversationIds: ['c1'] });
    expect((await cached.listConversations('a1')).map((c) => c.id)).toEqual(['c1', 'c2']);
    expect((await cached.listAllConversations()).map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
    // Another account's change leaves this account's array alone.
    const again = await cached.listConversations('a1');
    notify({ type: 'conversations-changed', accountId: 'a2', conversationIds: ['c3'] });
    expect(await cached.listConversations('a1')).toBe(again);
  });

  it('forgets everything when accounts change, and does not keep a failed read', async () => {
    const { calls, cached, notify } = setup();
    await cached.listAllConversations();
    await cached.listAllConversations();
    notify({ type: 'accounts-changed' });
    await cached.listAllConversations();
    expect(calls.filter((c) => c === 'listAll')).toHaveLength(2);

    let fail = true;
    const reads = { listLabels: async () => (fail ? Promise.reject(new Error('closed')) : []) } as unknown as FilterReads;
    const once = cachedFilterReads(reads, () => undefined);
    await expect(once.listLabels()).rejects.toThrow('closed');
    fail = false;
    await expect(once.listLabels()).resolves.toEqual([]);
  });
});
