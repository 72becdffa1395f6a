/** The list and contacts' names: rows in view are asked for, and a name arriving changes a row in place. */
import { signal } from '@preact/signals';
import { describe, expect, it, vi } from 'vitest';
import { createConversationListModel } from '@/lib/models/conversation-list';
import { account, conversation } from '../../support/factories';
import { fakeInboxDeps, synced } from '../../support/inbox-deps';

function setup() {
  const rows = [
    conversation({ id: 'a', updatedTime: 100 }),
    conversation({ id: 'b', updatedTime: 100 }),
    conversation({ id: 'c', updatedTime: 50 }),
  ];
  const { deps, world } = fakeInboxDeps({ accounts: [account()], conversations: { ig1: rows }, sync: { ig1: synced('ig1') } });
  const asked: string[][] = [];
  const list = createConversationListModel(
    { ...deps, resolveNames: async (_accountId, ids) => void asked.push(ids) },
    { accountId: 'ig1', account: signal(account({ connectedAt: 0 })), opened: signal(new Map()), openId: signal(null) },
  );
  return { list, world, asked };
}

describe('ConversationListModel and names', () => {
  it('a name arriving changes the row where it is, even among rows of the same time', async () => {
    const { list, world } = setup();
    await list.load();
    expect(list.conversations.value?.map((c) => c.id)).toEqual(['a', 'b', 'c']);
    const named = conversation({ id: 'a', updatedTime: 100, participant: { id: 'u1', username: 'maria', name: 'María García' } });
    world.conversations['ig1'] = [named, ...(world.conversations['ig1'] ?? []).slice(1)];
    list.onNotice({ type: 'conversations-changed', accountId: 'ig1', conversationIds: ['a'] });
    await vi.waitFor(() => expect(list.conversations.value?.[0]?.participant.name).toBe('María García'));
    expect(list.conversations.value?.map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });

  it('asks the background for the names of the rows in view, together', async () => {
    vi.useFakeTimers();
    try {
      const { list, asked } = setup();
      list.rowInView(conversation({ id: 'a' }));
      list.rowInView(conversation({ id: 'b' }));
      await vi.advanceTimersByTimeAsync(1000);
      expect(asked).toEqual([['a', 'b']]);
      list.dispose();
      list.rowInView(conversation({ id: 'c' }));
      await vi.advanceTimersByTimeAsync(1000);
      expect(asked).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
