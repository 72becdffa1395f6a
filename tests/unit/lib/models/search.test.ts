import { describe, expect, it } from 'vitest';
import type { ContactNote, Label } from '@/lib/db/schema';
import { createSearchModel, type SearchDeps } from '@/lib/models/search';
import type { FilterReads } from '@/lib/models/search-filters';
import { account, conversation, deskRecord, message } from '../../support/factories';

describe('SearchModel', () => {
  it('searches the selected account unless "All accounts" is on, and joins hits to their messages', async () => {
    const calls: Array<string | undefined> = [];
    const model = createSearchModel({
      delayMs: 0,
      query: async (_q, opts) => {
        calls.push(opts.accountId);
        return [{ messageId: 'm1', conversationId: 'c1', accountId: 'ig1', createdTime: 1, score: 1 }];
      },
      getMessages: async () => [message()],
      getConversation: async () => conversation(),
    });
    model.setText('hello', account());
    await new Promise((r) => setTimeout(r, 10));
    expect(model.results.value?.map((r) => (r.kind === 'message' ? r.message.text : r.kind))).toEqual(['Hello']);
    model.setAllAccounts(true, account());
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toEqual(['ig1', undefined]);
    model.clear();
    expect(model.results.value).toBeNull();
  });

  it('an empty query shows no results', async () => {
    const model = createSearchModel({
      delayMs: 0,
      query: async () => [],
      getMessages: async () => [],
      getConversation: async () => undefined,
    });
    model.setText('   ', account());
    await new Promise((r) => setTimeout(r, 10));
    expect(model.results.value).toBeNull();
  });

  describe('filters and notes', () => {
    const NOW = 1_000_000;
    const labels: Label[] = [
      { id: 'l-vip', name: 'VIP', color: 'red', order: 0, createdAt: 0 },
      { id: 'l-eu', name: 'Wholesale EU', color: 'blue', order: 1, createdAt: 0 },
    ];
    const desk = deskRecord;
    const rows = [
      conversation({ id: 'c-vip', updatedTime: 500, lastInboundTime: 400 }),
      conversation({ id: 'c-both', updatedTime: 900, lastInboundTime: 400 }),
      conversation({ id: 'c-done', updatedTime: 700, lastInboundTime: 400 }),
      conversation({ id: 'c-snoozed', updatedTime: 600, lastInboundTime: 400 }),
      conversation({ id: 'c-plain', updatedTime: 800, lastInboundTime: 400 }),
      conversation({ id: 'c-other', accountId: 'ig2', updatedTime: 950, lastInboundTime: 400 }),
    ];
    const records = [
      desk('c-vip', { labelIds: ['l-vip'] }),
      desk('c-both', { labelIds: ['l-vip', 'l-eu'], pinnedAt: 5 }),
      // Done and snoozed a second after the customer wrote (Meta's times are whole seconds).
      desk('c-done', { doneAt: 1450, labelIds: ['l-eu'] }),
      desk('c-snoozed', { snooze: { until: NOW + 1000, at: 1450, reason: 'snooze' } }),
      desk('c-other', { accountId: 'ig2', labelIds: ['l-vip'] }),
    ];
    const reads: FilterReads = {
      listLabels: async () => labels,
      getDeskStates: async (accountId) => records.filter((d) => d.accountId === accountId),
      getAllDeskStates: async () => records,
      getConversations: async (ids) => rows.filter((c) => ids.includes(c.id)),
      listConversations: async (accountId) => rows.filter((c) => c.accountId === accountId),
      listAllConversations: async () => rows,
      getOpenedStates: async () => [{ conversationId: 'c-vip', accountId: 'ig1', openedAt: 450 }],
      listAccounts: async () => [account(), account({ id: 'ig2', username: 'other' })],
    };
    const note: ContactNote = {
      id: 'n1',
      accountId: 'ig1',
      contactId: 'u1',
      conversationId: 'c-vip',
      text: 'Prefers refunds by card',
      createdAt: 10,
      updatedAt: 20,
    };

    function setup(over: Partial<SearchDeps> = {}) {
      const queries: Array<{ q: string; only: string[] | undefined; accountId: string | undefined }> = [];
      const model = createSearchModel({
        delayMs: 0,
        now: () => NOW,
        query: async (q, opts) => {
          queries.push({ q, only: opts.conversationIds ? [...opts.conversationIds].sort() : undefined, accountId: opts.accountId });
          return [
            { messageId: 'note:n1', conversationId: 'c-vip', accountId: 'ig1', createdTime: 20, score: 2 },
            { messageId: 'm1', conversationId: 'c-vip', accountId: 'ig1', createdTime: 10, score: 1 },
          ];
        },
        getMessages: async (ids) => ids.map((id) => message({ id, conversationId: 'c-vip', text: 'refund please' })),
        getConversation: async (id) => rows.find((c) => c.id === id),
        getNotes: async (ids) => (ids.includes('n1') ? [note] : []),
        filters: reads,
        ...over,
      });
      const type = async (q: string) => {
        model.setText(q, account());
        await new Promise((r) => setTimeout(r, 10));
      };
      return { model, queries, type };
    }

    it('finds notes with the messages, marked as notes', async () => {
      const { model, type } = setup();
      await type('refund');
      expect(
        model.results.value?.map((r) => [r.kind, r.kind === 'note' ? r.note.text : r.kind === 'message' ? r.message.text : '']),
      ).toEqual([
        ['note', 'Prefers refunds by card'],
        ['message', 'refund please'],
      ]);
    });

    it('a filter alone lists the matching conversations of the account, newest first', async () => {
      const { model, queries, type } = setup();
      await type('label:vip');
      expect(model.results.value?.map((r) => r.conversation.id)).toEqual(['c-both', 'c-vip']);
      expect(model.results.value?.every((r) => r.kind === 'conversation')).toBe(true);
      expect(model.total.value).toBe(2);
      await type('label:vip label:"wholesale eu"');
      expect(model.results.value?.map((r) => r.conversation.id)).toEqual(['c-both']);
      await type('is:done');
      expect(model.results.value?.map((r) => r.conversation.id)).toEqual(['c-done']);
      const asked: string[][] = [];
      const getConversations = reads.getConversations;
      reads.getConversations = async (ids) => (asked.push([...ids]), getConversations(ids));
      await type('is:snoozed');
      expect(model.results.value?.map((r) => r.conversation.id)).toEqual(['c-snoozed']);
      // Only rows whose record can be snoozed are read.
      expect(asked).toEqual([['c-snoozed']]);
      reads.getConversations = getConversations;
      await type('is:pinned');
      expect(model.results.value?.map((r) => r.conversation.id)).toEqual(['c-both']);
      // Unread: the customer wrote after it was last opened (c-vip was opened after).
      await type('is:unread label:vip');
      expect(model.results.value?.map((r) => r.conversation.id)).toEqual(['c-both']);
      expect(queries).toEqual([]);
      model.setAllAccounts(true, account());
      await new Promise((r) => setTimeout(r, 10));
      expect(model.results.value?.map((r) => r.conversation.id)).toEqual(['c-other', 'c-both']);
    });

    it('filters with words search only the conversations the filters leave', async () => {
      const { model, queries, type } = setup();
      await type('label:vip refund');
      expect(queries).toEqual([{ q: 'refund', only: ['c-both', 'c-vip'], accountId: 'ig1' }]);
      expect(model.results.value).toHaveLength(2);
      await type('refund is:done');
      expect(queries[1]).toEqual({ q: 'refund', only: ['c-done'], accountId: 'ig1' });
    });

    it('says so when no label has the name, and suggests labels while one is typed', async () => {
      const { model, queries, type } = setup();
      await type('label:nope refund');
      expect(model.results.value).toEqual([]);
      expect(model.notice.value).toMatch(/No label called “nope”/);
      expect(queries).toEqual([]);
      await type('label:"Whole');
      expect(model.suggestions.value.map((l) => l.name)).toEqual(['Wholesale EU']);
      expect(model.notice.value).toBeNull();
      await type('label:wh');
      expect(model.suggestions.value.map((l) => l.name)).toEqual(['Wholesale EU']);
      expect(model.notice.value).toBeNull();
      model.pickLabel('Wholesale EU', account());
      await new Promise((r) => setTimeout(r, 10));
      expect(model.text.value).toBe('label:"Wholesale EU" ');
      expect(model.results.value?.map((r) => r.conversation.id)).toEqual(['c-both', 'c-done']);
      await type('is:closed');
      expect(model.notice.value).toMatch(/no filter “is:closed”/);
    });
  });
});
