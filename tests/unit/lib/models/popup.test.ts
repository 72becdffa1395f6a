import { describe, expect, it, vi } from 'vitest';
import type { Account, Conversation, OpenedState, OutboxItem, SyncState } from '@/lib/db/schema';
import { DeskError } from '@/lib/errors';
import type { Notice, RequestName, Requests } from '@/lib/messaging/protocol';
import { createPopupModel, panelFailedMessage, RECENT_UNREAD, type PopupDeps } from '@/lib/models/popup';
import type { OpenRequest } from '@/lib/settings';
import { account, conversation, outboxItem } from '../../support/factories';
import { memoryItem } from './memory-item';

const NOW = Date.UTC(2026, 10, 21, 15, 0);

function world(init: { accounts?: Account[]; conversations?: Conversation[]; opened?: OpenedState[]; lastLook?: number } = {}) {
  const listeners = new Set<(n: Notice) => void>();
  const w = {
    accounts: init.accounts ?? [account({ id: 'ig1' }), account({ id: 'ig2', username: 'second' })],
    conversations: init.conversations ?? [],
    opened: init.opened ?? [],
    sync: {} as Record<string, SyncState>,
    outbox: [] as OutboxItem[],
    requests: [] as Array<{ name: RequestName; payload: unknown }>,
    failSend: null as DeskError | null,
    panelOpens: true,
    closed: 0,
    lastLook: memoryItem(0, init.lastLook ?? 0),
    openRequest: memoryItem<OpenRequest | null>(null),
    notify: (n: Notice) => listeners.forEach((l) => l(n)),
  };
  const deps: PopupDeps = {
    listAccounts: async () => w.accounts,
    listAllConversations: async () => w.conversations,
    getOpenedStates: async () => w.opened,
    getSyncState: async (id) => w.sync[id],
    listOutbox: async (id) => w.outbox.filter((o) => o.conversationId === id),
    request: async <N extends RequestName>(name: N, payload: Requests[N]['request']) => {
      w.requests.push({ name, payload });
      if (name === 'send' && w.failSend) throw w.failSend;
      return (name === 'send' ? { outboxId: 'o1' } : null) as Requests[N]['response'];
    },
    onNotice: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    lastLookItem: w.lastLook,
    openRequestItem: w.openRequest,
    openInbox: () => (w.panelOpens ? Promise.resolve() : Promise.reject(new Error('no gesture'))),
    close: () => {
      w.closed += 1;
    },
    now: () => NOW,
  };
  return { w, deps };
}

const inbound = (id: string, accountId: string, at: number) =>
  conversation({ id, accountId, participant: { id: `u-${id}`, username: id }, updatedTime: at, lastInboundTime: at });

const queuedReply = (over: Partial<OutboxItem>): OutboxItem => outboxItem({ text: 'hi', createdAt: NOW, ...over });

describe('PopupModel', () => {
  it('counts unread conversations per account and lists the selected account’s newest ones', async () => {
    const conversations = [
      ...Array.from({ length: 7 }, (_, i) => inbound(`a${i}`, 'ig1', 1_000 + i)),
      inbound('b0', 'ig2', 5_000),
      inbound('read', 'ig1', 9_000),
    ];
    const { w, deps } = world({ conversations, opened: [{ accountId: 'ig1', conversationId: 'read', openedAt: 10_000 }] });
    const model = createPopupModel(deps);
    await model.start();
    expect(model.unreadCounts.value).toEqual({ ig1: 7, ig2: 1 });
    expect(model.selectedAccountId.value).toBe('ig1');
    expect(model.recent.value.map((c) => c.id)).toEqual(['a6', 'a5', 'a4', 'a3', 'a2'].slice(0, RECENT_UNREAD));
    model.selectAccount('ig2');
    expect(model.recent.value.map((c) => c.id)).toEqual(['b0']);
    // Opening the popup asks for a sync.
    expect(w.requests.map((r) => r.name)).toEqual(['sync']);
    model.dispose();
  });

  it('counts what arrived since the last look, and this look becomes the last', async () => {
    const { w, deps } = world({ conversations: [inbound('old', 'ig1', 100), inbound('new', 'ig1', 300)], lastLook: 200 });
    const model = createPopupModel(deps);
    await model.start();
    expect(model.newSinceLook.value).toBe(1);
    expect(w.lastLook.stored).toBe(NOW);
    model.dispose();
  });

  it('shows nothing new on the very first look', async () => {
    const { deps } = world({ conversations: [inbound('new', 'ig1', 300)] });
    const model = createPopupModel(deps);
    await model.start();
    expect(model.newSinceLook.value).toBe(0);
    model.dispose();
  });

  it('re-reads on the background’s notices until disposed', async () => {
    const { w, deps } = world();
    const model = createPopupModel(deps);
    await model.start();
    expect(model.unreadCounts.value).toEqual({});
    w.conversations = [inbound('c1', 'ig1', 1_000)];
    w.notify({ type: 'conversations-changed', accountId: 'ig1', conversationIds: ['c1'] });
    await vi.waitFor(() => expect(model.unreadCounts.value).toEqual({ ig1: 1 }));
    model.dispose();
    w.conversations = [];
    w.notify({ type: 'conversations-changed', accountId: 'ig1', conversationIds: ['c1'] });
    await new Promise((r) => setTimeout(r, 0));
    expect(model.unreadCounts.value).toEqual({ ig1: 1 });
  });

  it('is syncing while a refresh or an account’s sync runs, and says when the last sync ended', async () => {
    const { w, deps } = world();
    w.sync.ig1 = { accountId: 'ig1', watermark: 0, lastSyncedAt: 4_000, running: false, error: null };
    w.sync.ig2 = { accountId: 'ig2', watermark: 0, lastSyncedAt: 7_000, running: true, error: null };
    const model = createPopupModel(deps);
    await model.start();
    expect(model.syncing.value).toBe(true);
    expect(model.lastSynced.value).toBe(7_000);
    w.sync.ig2 = { ...w.sync.ig2, running: false };
    const refreshing = model.refresh();
    expect(model.syncing.value).toBe(true);
    await refreshing;
    expect(model.syncing.value).toBe(false);
    model.dispose();
  });

  it('a quick reply goes to the background; its outbox status follows the notices', async () => {
    const { w, deps } = world({ conversations: [inbound('c1', 'ig1', 1_000)] });
    const model = createPopupModel(deps);
    await model.start();
    model.toggleExpanded('c1');
    expect(model.expandedId.value).toBe('c1');
    w.outbox = [queuedReply({ state: 'sending' })];
    expect(await model.send('ig1', 'c1', 'Yes, for how many?')).toBe(true);
    expect(w.requests.at(-1)).toEqual({ name: 'send', payload: { accountId: 'ig1', conversationId: 'c1', text: 'Yes, for how many?' } });
    await vi.waitFor(() => expect(model.outboxStatus.value.c1).toBe('Sending…'));
    w.outbox = [];
    w.notify({ type: 'outbox-changed', accountId: 'ig1', conversationId: 'c1' });
    await vi.waitFor(() => expect(model.outboxStatus.value.c1).toBe('Sent'));
    model.dispose();
  });

  it('a refused quick reply says why and keeps the text for another try', async () => {
    const { w, deps } = world({ conversations: [inbound('c1', 'ig1', 1_000)] });
    w.failSend = new DeskError('failed', 'The reply window closed.');
    const model = createPopupModel(deps);
    await model.start();
    expect(await model.send('ig1', 'c1', 'late')).toBe(false);
    expect(model.outboxStatus.value.c1).toBe('Not sent — The reply window closed.');
    model.dispose();
  });

  it('asks the side panel for the conversation and closes, or says the panel could not open', async () => {
    const { w, deps } = world();
    const model = createPopupModel(deps);
    await model.start();
    model.openInPanel('ig1', 'c1');
    await vi.waitFor(() => expect(w.closed).toBe(1));
    expect(w.openRequest.stored).toEqual({ accountId: 'ig1', conversationId: 'c1', at: NOW });
    w.panelOpens = false;
    model.openInPanel('ig1', null);
    await vi.waitFor(() => expect(model.error.value).toBe(panelFailedMessage()));
    expect(w.closed).toBe(1);
    model.dispose();
  });

  it('selects the first account again when the selected one is disconnected', async () => {
    const { w, deps } = world();
    const model = createPopupModel(deps);
    await model.start();
    model.selectAccount('ig2');
    w.accounts = w.accounts.filter((a) => a.id !== 'ig2');
    w.notify({ type: 'accounts-changed' });
    await vi.waitFor(() => expect(model.selectedAccountId.value).toBe('ig1'));
    model.dispose();
  });
});
