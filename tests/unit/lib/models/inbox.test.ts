import { effect } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import type { Message } from '@/lib/db/schema';
import { createInboxModel } from '@/lib/models/inbox';
import { account, conversation, message } from '../../support/factories';
import { fakeInboxDeps, synced } from '../../support/inbox-deps';

const tick = () => new Promise((r) => setTimeout(r, 0));

function world() {
  return fakeInboxDeps({
    accounts: [account({ id: 'ig1' }), account({ id: 'ig2', username: 'ateliernord', order: 1 })],
    conversations: {
      ig1: [conversation({ id: 'c1' }), conversation({ id: 'c3', updatedTime: 500 })],
      ig2: [conversation({ id: 'c2', accountId: 'ig2' })],
    },
    messages: { c1: [message()], c3: [message({ id: 'm3', conversationId: 'c3', text: 'Other thread' })] },
    sync: { ig1: synced('ig1'), ig2: synced('ig2') },
  });
}

const rowIds = (model: ReturnType<typeof createInboxModel>) => model.list.value?.conversations.value?.map((c) => c.id);

describe('InboxModel', () => {
  it('paints from the cache, selects the first account, then asks for a sync', async () => {
    const { deps, world: w } = world();
    const model = createInboxModel(deps);
    await model.start();
    expect(model.selectedAccountId.value).toBe('ig1');
    expect(rowIds(model)).toEqual(['c1', 'c3']);
    expect(w.requests).toEqual([{ name: 'sync', payload: { accountId: 'ig1' } }]);
  });

  it('reads the first rows of the account it opens on while the accounts are still being read', async () => {
    const { deps } = world();
    let releaseAccounts = (): void => undefined;
    const accountsRead = deps.listAccounts;
    deps.listAccounts = () => new Promise((resolve) => (releaseAccounts = () => void accountsRead().then(resolve)));
    const pages: string[] = [];
    deps.listConversationsPage = async (accountId, limit) => {
      pages.push(accountId);
      return (await deps.listConversations(accountId)).slice(0, limit);
    };
    const model = createInboxModel(deps);
    const started = model.start({ accountId: 'ig2' });
    await tick();
    expect(pages).toEqual(['ig2']);
    releaseAccounts();
    await started;
    expect(model.selectedAccountId.value).toBe('ig2');
    expect(rowIds(model)).toEqual(['c2']);
    // The early read served the first paint: it was not read a second time.
    expect(pages).toEqual(['ig2']);
  });

  it('takes the accounts the page just read, and asks for opened states before the first rows (drawn once, with their marks)', async () => {
    const { deps } = world();
    const known = await deps.listAccounts();
    let accountReads = 0;
    deps.listAccounts = () => {
      accountReads += 1;
      return Promise.resolve(known);
    };
    const order: string[] = [];
    let releaseRows = (): void => undefined;
    deps.listConversationsPage = async (accountId, limit) => {
      order.push(`rows ${accountId} asked`);
      await new Promise<void>((resolve) => (releaseRows = resolve));
      order.push(`rows ${accountId} in`);
      return (await deps.listConversations(accountId)).slice(0, limit);
    };
    const openedStates = deps.getOpenedStates;
    deps.getOpenedStates = () => {
      order.push('opened asked');
      return openedStates();
    };
    const model = createInboxModel(deps);
    const stop = effect(() => {
      if (model.accounts.value) order.push('accounts shown');
    });
    const started = model.start({ accountId: 'ig1', accounts: known });
    await tick();
    releaseRows();
    await started;
    stop();
    expect(order).toEqual(['opened asked', 'rows ig1 asked', 'accounts shown', 'rows ig1 in']);
    expect(accountReads).toBe(0);
    expect(rowIds(model)).toEqual(['c1', 'c3']);
  });

  it('with no account to open on, asks for the first rows before anything reacts to the accounts read', async () => {
    const { deps } = world();
    const order: string[] = [];
    deps.listConversationsPage = async (accountId, limit) => {
      order.push(`rows ${accountId}`);
      return (await deps.listConversations(accountId)).slice(0, limit);
    };
    const model = createInboxModel(deps);
    // What a page renders from: it runs as soon as the accounts land.
    const stop = effect(() => {
      if (model.accounts.value) order.push('accounts shown');
    });
    await model.start();
    stop();
    expect(order.slice(0, 2)).toEqual(['rows ig1', 'accounts shown']);
    // Read once: the list took the early read.
    expect(order.filter((o) => o.startsWith('rows'))).toEqual(['rows ig1']);
    expect(rowIds(model)).toEqual(['c1', 'c3']);
  });

  it('switching accounts closes the open conversation and loads the other list, keeping the filter', async () => {
    const { deps } = world();
    const model = createInboxModel(deps);
    await model.start();
    await model.openConversation('c1');
    expect(model.thread.value?.messages.value).toHaveLength(1);
    model.list.value?.setView('needs-reply');
    await model.selectAccount('ig2');
    expect(model.selectedConversationId.value).toBeNull();
    expect(model.thread.value).toBeNull();
    expect(rowIds(model)).toEqual(['c2']);
    expect(model.list.value?.view.value).toBe('needs-reply');
  });

  it('re-reads the list when the background says it changed', async () => {
    const { deps, world: w } = world();
    const model = createInboxModel(deps);
    await model.start();
    w.conversations['ig1'] = [conversation({ id: 'c4', updatedTime: 2000 }), conversation({ id: 'c1' })];
    w.notify({ type: 'conversations-changed', accountId: 'ig1', conversationIds: ['c4'] });
    await tick();
    expect(rowIds(model)?.slice(0, 2)).toEqual(['c4', 'c1']);
  });

  it('opens the conversation a deep link names, and marks it read', async () => {
    const { deps, world: w } = world();
    const remembered: Array<[string, string | null]> = [];
    deps.rememberOpen = (a, c) => remembered.push([a, c]);
    const model = createInboxModel(deps);
    await model.start({ accountId: 'ig2', conversationId: 'c2' });
    expect(model.selectedAccountId.value).toBe('ig2');
    expect(model.selectedConversationId.value).toBe('c2');
    expect(model.selectedConversation.value?.id).toBe('c2');
    expect(w.requests).toContainEqual({ name: 'markOpened', payload: { accountId: 'ig2', conversationId: 'c2' } });
    model.closeConversation();
    expect(remembered).toEqual([
      ['ig2', 'c2'],
      ['ig2', null],
    ]);
  });

  it('saves what was typed when the thread closes or another one opens', async () => {
    const { deps, world: w } = world();
    deps.draftDelayMs = 60_000;
    const model = createInboxModel(deps);
    await model.start();
    await model.openConversation('c1');
    model.thread.value?.setDraft('Back in a minute');
    await model.openConversation('c3');
    await tick();
    expect(w.drafts).toMatchObject([{ conversationId: 'c1', text: 'Back in a minute' }]);
    model.thread.value?.setDraft('And you too');
    model.closeConversation();
    await tick();
    expect(w.drafts.find((d) => d.conversationId === 'c3')?.text).toBe('And you too');
    // Opened again: the draft is back.
    await model.openConversation('c1');
    expect(model.thread.value?.draft.value).toBe('Back in a minute');
  });

  it('a thread read answering after another thread opened changes nothing', async () => {
    const { deps } = world();
    const model = createInboxModel(deps);
    await model.start();
    const held: Array<() => void> = [];
    const read = deps.listMessagesPage;
    deps.listMessagesPage = (id, opts) =>
      new Promise<Message[]>((resolve) =>
        id === 'c1' ? held.push(() => void read(id, opts).then(resolve)) : void read(id, opts).then(resolve),
      );
    const slow = model.openConversation('c1');
    const first = model.thread.value;
    await model.openConversation('c3');
    held.forEach((h) => h());
    await slow;
    expect(model.selectedConversationId.value).toBe('c3');
    expect(model.thread.value?.messages.value?.map((m) => m.text)).toEqual(['Other thread']);
    expect(first?.messages.value).toBeNull();
  });

  it('opens a conversation once the thread can be drawn; a later open, a close or another account wins over one still waiting', async () => {
    const { deps } = world();
    let release = (): void => undefined;
    const codeIn = new Promise<void>((resolve) => (release = resolve));
    const model = createInboxModel({ ...deps, prepareThread: () => codeIn });
    await model.start();
    const waiting = model.openConversation('c1');
    await tick();
    expect(model.thread.value).toBeNull();
    const later = model.openConversation('c3');
    release();
    await Promise.all([waiting, later]);
    expect(model.selectedConversationId.value).toBe('c3');
    expect(model.thread.value?.messages.value?.map((m) => m.text)).toEqual(['Other thread']);

    let releaseAgain = (): void => undefined;
    const slow = new Promise<void>((resolve) => (releaseAgain = resolve));
    const closing = createInboxModel({ ...deps, prepareThread: () => slow });
    await closing.start();
    const opening = closing.openConversation('c1');
    closing.closeConversation();
    releaseAgain();
    await opening;
    expect(closing.thread.value).toBeNull();

    const switching = createInboxModel({ ...deps, prepareThread: () => slow });
    await switching.start();
    const beforeSwitch = switching.openConversation('c1');
    await switching.selectAccount('ig2');
    await beforeSwitch;
    expect(switching.selectedAccountId.value).toBe('ig2');
    expect(switching.thread.value).toBeNull();
  });

  it('passes notices to the open thread: new messages show and are marked read', async () => {
    const { deps, world: w } = world();
    const model = createInboxModel(deps);
    await model.start();
    await model.openConversation('c1');
    w.messages['c1'] = [message(), message({ id: 'm2', createdTime: 2000, text: 'Still there?' })];
    const marks = w.requests.filter((r) => r.name === 'markOpened').length;
    w.notify({ type: 'conversations-changed', accountId: 'ig1', conversationIds: ['c1'] });
    await tick();
    expect(model.thread.value?.messages.value?.map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(w.requests.filter((r) => r.name === 'markOpened')).toHaveLength(marks + 1);
  });

  it('keeps the contact panel open from one thread to the next, reading each contact', async () => {
    const { deps, world: w } = world();
    const model = createInboxModel(deps);
    await model.start();
    await model.openConversation('c1');
    await model.toggleContact();
    expect(model.contactOpen.value).toBe(true);
    await model.openConversation('c3');
    expect(w.requests.filter((r) => r.name === 'profile').map((r) => (r.payload as { conversationId: string }).conversationId)).toEqual([
      'c1',
      'c3',
    ]);
  });

  it('refresh asks for a sync and reads the list again', async () => {
    const { deps, world: w } = world();
    const model = createInboxModel(deps);
    await model.start();
    w.requests.length = 0;
    w.conversations['ig1'] = [conversation({ id: 'c9' })];
    const refreshing = model.refresh();
    expect(model.syncing.value).toBe(true);
    await refreshing;
    expect(model.syncing.value).toBe(false);
    expect(w.requests).toEqual([{ name: 'sync', payload: { accountId: 'ig1' } }]);
    expect(rowIds(model)).toEqual(['c9']);
  });

  it('drops a disconnected account and selects the next one', async () => {
    const { deps, world: w } = world();
    const model = createInboxModel(deps);
    await model.start();
    await model.openConversation('c1');
    w.accounts = [account({ id: 'ig2', username: 'ateliernord' })];
    w.notify({ type: 'accounts-changed' });
    expect(model.snapshot.value).toBeNull();
    await tick();
    await tick();
    expect(model.selectedAccountId.value).toBe('ig2');
    expect(model.thread.value).toBeNull();
    expect(rowIds(model)).toEqual(['c2']);
  });

  it('exposes read-only signals: a component cannot assign them', async () => {
    const { deps } = world();
    const model = createInboxModel(deps);
    await model.start();
    // @ts-expect-error the selection changes through selectAccount().
    model.selectedAccountId.value = 'ig2';
    // @ts-expect-error a thread opens through openConversation().
    model.thread.value = null;
  });
  it('paints the first rows, then reads the whole list and the desk records once the page settled, once', async () => {
    const { deps, world: w } = world();
    const reads: string[] = [];
    const listConversations = deps.listConversations.bind(deps);
    // One row is the first page here (it is FIRST_ROWS in the panel).
    deps.listConversationsPage = async (accountId) => {
      reads.push('first rows');
      return (await listConversations(accountId)).slice(0, 1);
    };
    deps.listConversations = (accountId) => (reads.push('whole list'), listConversations(accountId));
    deps.getDeskStates = async () => (reads.push('desk'), []);
    let settled = (): void => undefined;
    deps.settle = () => new Promise<void>((resolve) => (settled = resolve));
    const model = createInboxModel(deps);
    const started = model.start();
    for (let i = 0; i < 5; i++) await tick();
    // The first row is on screen; the big reads wait for the page to settle.
    expect(rowIds(model)).toEqual(['c1']);
    expect(reads).toEqual(['first rows']);
    // A change meanwhile asks for the whole list again: still one read, after the gate.
    w.notify({ type: 'conversations-changed', accountId: 'ig1', conversationIds: ['c3'] });
    await tick();
    expect(reads).toEqual(['first rows']);
    settled();
    await started;
    expect(reads).toEqual(['first rows', 'whole list', 'desk']);
    expect(rowIds(model)).toEqual(['c1', 'c3']);
    // After startup, nothing waits: another account's list is read at once.
    deps.settle = () => new Promise<void>(() => undefined);
    await model.selectAccount('ig2', { sync: false });
    expect(rowIds(model)).toEqual(['c2']);
  });
});
