import { describe, expect, it } from 'vitest';
import { createSearchModel } from '@/lib/models/search';
import { account, conversation, message } from '../../support/factories';

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
    expect(model.results.value?.map((r) => r.message.text)).toEqual(['Hello']);
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
});
