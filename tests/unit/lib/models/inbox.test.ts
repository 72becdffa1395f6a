import { describe, expect, it } from 'vitest';
import { DeskError } from '@/lib/errors';
import { createInboxModel, THREAD_PAGE, THREAD_WINDOW } from '@/lib/models/inbox';
import { account, conversation, message } from '../../support/factories';
import { fakeInboxDeps, synced } from '../../support/inbox-deps';

function world() {
  return fakeInboxDeps({
    accounts: [account({ id: 'ig1' }), account({ id: 'ig2', username: 'ateliernord', order: 1 })],
    conversations: { ig1: [conversation({ id: 'c1' })], ig2: [conversation({ id: 'c2', accountId: 'ig2' })] },
    messages: { c1: [message()] },
    sync: { ig1: synced('ig1'), ig2: synced('ig2') },
  });
}

/** A started inbox with one conversation of `count` messages, m0 (the oldest) to m{count - 1}. */
async function inboxWithThread(count: number) {
  const many = Array.from({ length: count }, (_, i) => message({ id: `m${i}`, createdTime: 1000 + i }));
  const { deps, world: w } = fakeInboxDeps({
    accounts: [account()],
    conversations: { ig1: [conversation()] },
    messages: { c1: many },
    sync: { ig1: synced('ig1') },
  });
  const model = createInboxModel(deps);
  await model.start();
  return { model, world: w, many };
}

describe('InboxModel', () => {
  it('paints from the cache, selects the first account, then asks for a sync', async () => {
    const { deps, world: w } = world();
    const model = createInboxModel(deps);
    await model.start();
    expect(model.selectedAccountId.value).toBe('ig1');
    expect(model.conversations.value?.map((c) => c.id)).toEqual(['c1']);
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
    await new Promise((r) => setTimeout(r, 0));
    expect(pages).toEqual(['ig2']);
    releaseAccounts();
    await started;
    expect(model.selectedAccountId.value).toBe('ig2');
    expect(model.conversations.value?.map((c) => c.id)).toEqual(['c2']);
    // The early read served the first paint: it was not read a second time.
    expect(pages).toEqual(['ig2']);
  });

  it('switching accounts clears the open conversation and loads the other list', async () => {
    const { deps } = world();
    const model = createInboxModel(deps);
    await model.start();
    await model.openConversation('c1');
    expect(model.messages.value).toHaveLength(1);
    await model.selectAccount('ig2');
    expect(model.selectedConversationId.value).toBeNull();
    expect(model.messages.value).toBeNull();
    expect(model.conversations.value?.map((c) => c.id)).toEqual(['c2']);
  });

  it('re-reads the list when the background says it changed', async () => {
    const { deps, world: w } = world();
    const model = createInboxModel(deps);
    await model.start();
    w.conversations['ig1'] = [conversation({ id: 'c3', updatedTime: 2000 }), conversation({ id: 'c1' })];
    w.notify({ type: 'conversations-changed', accountId: 'ig1', conversationIds: ['c3'] });
    await new Promise((r) => setTimeout(r, 0));
    expect(model.conversations.value?.map((c) => c.id)).toEqual(['c3', 'c1']);
  });

  it('keeps the text in the box when the reply cannot even be queued', async () => {
    const { deps, world: w } = world();
    const model = createInboxModel(deps);
    await model.start();
    await model.openConversation('c1');
    model.setDraft('Your order ships today');
    w.failNext.send = new DeskError('invalid-request', 'Instagram accepts at most 1000 bytes per message.');
    expect(await model.send()).toBe(false);
    expect(model.draft.value).toBe('Your order ships today');
    expect(model.sendError.value).toBe('Not sent. Instagram accepts at most 1000 bytes per message.');
  });

  it('empties the box once the reply is queued, and forgets the draft', async () => {
    const { deps, world: w } = world();
    const model = createInboxModel(deps);
    await model.start();
    await model.openConversation('c1');
    model.setDraft('hi');
    await new Promise((r) => setTimeout(r, 5));
    expect(w.drafts.map((d) => d.text)).toEqual(['hi']);
    expect(await model.send()).toBe(true);
    expect(model.draft.value).toBe('');
    expect(w.drafts).toEqual([]);
    expect(w.requests.at(-1)).toEqual({ name: 'send', payload: { accountId: 'ig1', conversationId: 'c1', text: 'hi', uploadIds: [] } });
  });

  it('restores a conversation’s draft when it is opened again', async () => {
    const { deps, world: w } = world();
    w.drafts = [{ conversationId: 'c1', accountId: 'ig1', text: 'half-written', updatedAt: 0 }];
    const model = createInboxModel(deps);
    await model.start();
    await model.openConversation('c1');
    expect(model.draft.value).toBe('half-written');
  });

  it('opens the conversation a deep link names, and marks it read', async () => {
    const { deps, world: w } = world();
    const model = createInboxModel(deps);
    await model.start({ accountId: 'ig2', conversationId: 'c2' });
    expect(model.selectedAccountId.value).toBe('ig2');
    expect(model.selectedConversationId.value).toBe('c2');
    expect(w.requests).toContainEqual({ name: 'markOpened', payload: { accountId: 'ig2', conversationId: 'c2' } });
  });

  it('loads a long thread page by page, newest first, and knows where the archive begins', async () => {
    const { model } = await inboxWithThread(130);
    await model.openConversation('c1');
    expect(model.messages.value).toHaveLength(60);
    expect(model.messages.value?.at(-1)?.id).toBe('m129');
    expect(model.hasOlder.value).toBe(true);
    await model.loadOlder();
    await model.loadOlder();
    expect(model.messages.value).toHaveLength(130);
    expect(model.messages.value?.[0]?.id).toBe('m0');
    expect(new Set(model.messages.value?.map((m) => m.id)).size).toBe(130);
    expect(model.hasOlder.value).toBe(false);
  });

  it('keeps a bounded window while scrolling through a long thread, and comes back to the newest', async () => {
    const { model, world: w, many } = await inboxWithThread(1000);
    await model.openConversation('c1');
    const ids = () => model.messages.value?.map((m) => m.id) ?? [];
    // Scroll all the way up: never more than the window, every message seen once, in order.
    const seen: string[] = [...ids()].reverse();
    while (model.hasOlder.value) {
      const first = ids()[0];
      await model.loadOlder();
      expect(ids().length).toBeLessThanOrEqual(THREAD_WINDOW);
      const index = ids().indexOf(first!);
      seen.push(...ids().slice(0, index).reverse());
    }
    expect(ids()[0]).toBe('m0');
    expect(seen).toEqual(many.map((m) => m.id).reverse());
    expect(model.hasNewer.value).toBe(true);

    // A new message arriving meanwhile does not move the window far back in history.
    w.messages['c1'] = [...many, message({ id: 'fresh', createdTime: 5000 })];
    w.notify({ type: 'conversations-changed', accountId: 'ig1', conversationIds: ['c1'] });
    await new Promise((r) => setTimeout(r, 0));
    expect(ids()[0]).toBe('m0');

    // And back down page by page, to the present.
    while (model.hasNewer.value) {
      await model.loadNewer();
      expect(ids().length).toBeLessThanOrEqual(THREAD_WINDOW);
    }
    expect(ids().at(-1)).toBe('fresh');
    expect(model.hasOlder.value).toBe(true);
    expect(new Set(ids()).size).toBe(ids().length);

    await model.loadOlder();
    await model.loadOlder();
    expect(model.hasNewer.value).toBe(true);
    await model.jumpToNewest();
    expect(ids().at(-1)).toBe('fresh');
    expect(ids()).toHaveLength(THREAD_PAGE);
    expect(model.hasNewer.value).toBe(false);
  });

  it('sending from far back in history brings the thread back to the newest messages', async () => {
    const { model } = await inboxWithThread(400);
    await model.openConversation('c1', { messageId: 'm3', createdTime: 1003 });
    expect(model.hasNewer.value).toBe(true);
    expect(model.messages.value?.[0]?.id).toBe('m0');
    model.setDraft('Found it — here is your answer');
    expect(await model.send()).toBe(true);
    expect(model.hasNewer.value).toBe(false);
    expect(model.messages.value?.at(-1)?.id).toBe('m399');
  });

  it('opens a search hit with the messages around it', async () => {
    const { model } = await inboxWithThread(130);
    await model.openConversation('c1', { messageId: 'm5', createdTime: 1005 });
    expect(model.messages.value?.[0]?.id).toBe('m0');
    expect(model.messages.value?.some((m) => m.id === 'm5')).toBe(true);
    expect(model.focusMessageId.value).toBe('m5');
  });
});
