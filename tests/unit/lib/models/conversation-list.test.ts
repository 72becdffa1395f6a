import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import type { Conversation } from '@/lib/db/schema';
import { createConversationListModel, type ConversationListOptions } from '@/lib/models/conversation-list';
import { account, conversation } from '../../support/factories';
import { fakeInboxDeps, synced } from '../../support/inbox-deps';

const tick = () => new Promise((r) => setTimeout(r, 0));

function listOf(rows: Conversation[], over: Partial<ConversationListOptions> = {}) {
  const { deps, world } = fakeInboxDeps({ accounts: [account()], conversations: { ig1: rows }, sync: { ig1: synced('ig1') } });
  const opened = signal(new Map<string, number>());
  const openId = signal<string | null>(null);
  const make = () =>
    createConversationListModel(deps, { accountId: 'ig1', account: signal(account({ connectedAt: 0 })), opened, openId, ...over });
  return { deps, world, opened, openId, make };
}

describe('ConversationListModel', () => {
  it('paints the first rows at once, then the whole list and the sync state', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => conversation({ id: `c${i}`, updatedTime: 10_000 - i }));
    const { deps, make } = listOf(rows);
    const firstPages: number[] = [];
    let releaseAll = (): void => undefined;
    const readAll = deps.listConversations;
    deps.listConversations = (id) => new Promise((resolve) => (releaseAll = () => void readAll(id).then(resolve)));
    deps.listConversationsPage = async (id, limit) => {
      firstPages.push(limit);
      return (await readAll(id)).slice(0, limit);
    };
    const list = make();
    const loading = list.load();
    await tick();
    expect(list.conversations.value).toHaveLength(firstPages[0]!);
    expect(list.syncState.value).toBeNull();
    releaseAll();
    await loading;
    expect(list.conversations.value).toHaveLength(100);
    expect(list.syncState.value?.accountId).toBe('ig1');
  });

  it('re-reads only the rows a notice names, and keeps the newest first', async () => {
    const { world, make } = listOf([conversation({ id: 'c1', updatedTime: 1000 }), conversation({ id: 'c2', updatedTime: 900 })]);
    const list = make();
    await list.load();
    world.conversations['ig1'] = [conversation({ id: 'c2', updatedTime: 2000 }), conversation({ id: 'c1', updatedTime: 1000 })];
    list.onNotice({ type: 'conversations-changed', accountId: 'ig1', conversationIds: ['c2'] });
    await tick();
    expect(list.conversations.value?.map((c) => c.id)).toEqual(['c2', 'c1']);
    // Another account's change is not this list's.
    world.conversations['ig1'] = [conversation({ id: 'c3', updatedTime: 3000 })];
    list.onNotice({ type: 'conversations-changed', accountId: 'ig2', conversationIds: ['c3'] });
    await tick();
    expect(list.conversations.value?.map((c) => c.id)).toEqual(['c2', 'c1']);
  });

  it('follows the sync state the background announces', async () => {
    const { world, make } = listOf([conversation()]);
    const list = make();
    await list.load();
    world.sync['ig1'] = synced('ig1', { running: true });
    list.onNotice({ type: 'sync-changed', accountId: 'ig1' });
    await tick();
    expect(list.syncState.value?.running).toBe(true);
  });

  it('keeps a sync state a notice brought over an older one a slow whole-list read brings later', async () => {
    const { deps, world, make } = listOf([conversation()]);
    world.sync['ig1'] = synced('ig1', { running: true, lastSyncedAt: null });
    let releaseAll = (): void => undefined;
    const readAll = deps.listConversations;
    deps.listConversations = (id) => new Promise((resolve) => (releaseAll = () => void readAll(id).then(resolve)));
    const list = make();
    const loading = list.load();
    await tick();
    // The sync fails while the whole list is still being read; the notice's read shows it.
    world.sync['ig1'] = synced('ig1', { running: false, lastSyncedAt: null, error: { kind: 'failed', message: 'Unreadable', at: 1 } });
    list.onNotice({ type: 'sync-changed', accountId: 'ig1' });
    await tick();
    expect(list.syncState.value?.error?.message).toBe('Unreadable');
    // The list arrives with the state read before the failure: the failure stays on screen.
    releaseAll();
    await loading;
    expect(list.syncState.value?.running).toBe(false);
    expect(list.syncState.value?.error?.message).toBe('Unreadable');
  });

  it('filters to the conversations waiting for a reply, the longest waiting first', async () => {
    const { make } = listOf([
      conversation({ id: 'answered', lastInboundTime: 500, lastReplyTime: 600 }),
      conversation({ id: 'recent', lastInboundTime: Date.now() - 60_000 }),
      conversation({ id: 'older', lastInboundTime: Date.now() - 3_600_000 }),
    ]);
    const list = make();
    await list.load();
    expect(list.view.value).toBe('inbox');
    expect(list.needsReplyList.value.map((c) => c.id)).toEqual(['older', 'recent']);
    list.setView('needs-reply');
    expect(list.visibleConversations.value?.map((c) => c.id)).toEqual(['older', 'recent']);
  });

  it('counts as unread what came in since it was last opened, except the open conversation', async () => {
    const { opened, openId, make } = listOf([
      conversation({ id: 'c1', lastInboundTime: 5000 }),
      conversation({ id: 'c2', lastInboundTime: 5000 }),
      conversation({ id: 'c3', lastInboundTime: null }),
    ]);
    const list = make();
    await list.load();
    expect([...list.unreadIds.value]).toEqual(['c1', 'c2']);
    opened.value = new Map([['c1', 6000]]);
    openId.value = 'c2';
    expect([...list.unreadIds.value]).toEqual([]);
  });

  it('a read answering after the list was disposed (another account selected) changes nothing', async () => {
    const { deps, make } = listOf([conversation()]);
    const reads: Array<() => void> = [];
    const readAll = deps.listConversations;
    deps.listConversations = (id) => new Promise((resolve) => reads.push(() => void readAll(id).then(resolve)));
    const list = make();
    const loading = list.load();
    list.dispose();
    reads.forEach((r) => r());
    await loading;
    expect(list.conversations.value).toBeNull();
    expect(list.syncState.value).toBeNull();
  });

  it('shows the last session’s rows until the cache is read, even an emptier cache', async () => {
    const { deps, make } = listOf([], { snapshotRows: [conversation({ id: 'old' })] });
    deps.listConversationsPage = async () => [];
    const list = make();
    expect(list.conversations.value?.map((c) => c.id)).toEqual(['old']);
    expect(list.fromSnapshot()).toBe(true);
    await list.load();
    expect(list.conversations.value).toEqual([]);
    expect(list.fromSnapshot()).toBe(false);
  });

  it('exposes read-only signals', () => {
    const { make } = listOf([]);
    const list = make();
    // @ts-expect-error the view changes through setView().
    list.view.value = 'needs-reply';
    // @ts-expect-error rows come from the cache only.
    list.conversations.value = [];
  });
});
