import { describe, expect, it } from 'vitest';
import { DeskError } from '@/lib/errors';
import { createInboxModel } from '@/lib/models/inbox';
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

describe('InboxModel', () => {
  it('paints from the cache, selects the first account, then asks for a sync', async () => {
    const { deps, world: w } = world();
    const model = createInboxModel(deps);
    await model.start();
    expect(model.selectedAccountId.value).toBe('ig1');
    expect(model.conversations.value?.map((c) => c.id)).toEqual(['c1']);
    expect(w.requests).toEqual([{ name: 'sync', payload: { accountId: 'ig1' } }]);
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
    w.conversations['ig1'] = [conversation({ id: 'c3' }), conversation({ id: 'c1' })];
    w.notify({ type: 'conversations-changed', accountId: 'ig1', conversationIds: ['c3'] });
    await new Promise((r) => setTimeout(r, 0));
    expect(model.conversations.value?.map((c) => c.id)).toEqual(['c3', 'c1']);
  });

  it('hands the text of a failed send back to the composer with the reason', async () => {
    const { deps, world: w } = world();
    const model = createInboxModel(deps);
    await model.start();
    await model.openConversation('c1');
    w.failNext.send = new DeskError('network', 'Could not reach Instagram.');
    expect(await model.send('Your order ships today')).toBe(false);
    expect(model.restoredDraft.value).toBe('Your order ships today');
    expect(model.sendError.value).toBe('Not sent. Could not reach Instagram.');
    expect(model.pending.value).toEqual([]);
  });

  it('shows a pending message while sending', async () => {
    const { deps } = world();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const request = deps.request;
    deps.request = async (name, payload) => {
      if (name === 'send') await gate;
      return request(name, payload);
    };
    const model = createInboxModel(deps);
    await model.start();
    await model.openConversation('c1');
    const sent = model.send('hi');
    expect(model.sending.value).toBe(true);
    expect(model.pending.value.map((p) => p.text)).toEqual(['hi']);
    release();
    expect(await sent).toBe(true);
    expect(model.sending.value).toBe(false);
  });
});
