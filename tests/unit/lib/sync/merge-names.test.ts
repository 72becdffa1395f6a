/** Meta's conversation list carries no names: a merge keeps the one the User Profile API gave. */
import { describe, expect, it } from 'vitest';
import { getConversation, getDB } from '@/lib/db';
import { mergeConversations } from '@/lib/sync/merge';
import { conversation, graphConversation, graphMessage } from '../../support/factories';

const CTX = { accountId: 'ig1', echoesSince: 1500 };

describe('mergeConversations and names', () => {
  it('keeps the contact’s name (and a withheld one) when it rewrites the row from Meta', async () => {
    const db = await getDB();
    await db.put('conversations', conversation({ id: 'c1', participant: { id: 'u1', username: 'maria', name: 'Maria Lopez' } }));
    await db.put('conversations', conversation({ id: 'c2', participant: { id: 'u2', username: 'ghost', name: null } }));
    await mergeConversations(CTX, [
      graphConversation({ updatedTime: 5000, messages: [graphMessage({ id: 'm5', createdTime: 5000 })] }),
      graphConversation({
        id: 'c2',
        updatedTime: 5000,
        participants: [
          { id: 'u2', username: 'ghost' },
          { id: 'ig1', username: 'lumencoffee' },
        ],
        messages: [graphMessage({ id: 'm6', createdTime: 5000, from: { id: 'u2', username: 'ghost' } })],
      }),
    ]);
    expect((await getConversation('c1'))?.participant).toEqual({ id: 'u1', username: 'maria', name: 'Maria Lopez' });
    expect((await getConversation('c1'))?.lastMessage?.createdTime).toBe(5000);
    expect((await getConversation('c2'))?.participant).toEqual({ id: 'u2', username: 'ghost', name: null });
  });

  it('a row never named stays without a name (read later), and a new username keeps the name', async () => {
    await mergeConversations(CTX, [graphConversation()]);
    expect((await getConversation('c1'))?.participant).toEqual({ id: 'u1', username: 'maria' });
    const db = await getDB();
    const row = await getConversation('c1');
    if (row) await db.put('conversations', { ...row, participant: { ...row.participant, name: 'Maria Lopez' } });
    await mergeConversations(CTX, [
      graphConversation({
        updatedTime: 6000,
        participants: [
          { id: 'u1', username: 'maria.new' },
          { id: 'ig1', username: 'lumencoffee' },
        ],
      }),
    ]);
    expect((await getConversation('c1'))?.participant).toEqual({ id: 'u1', username: 'maria.new', name: 'Maria Lopez' });
  });

  it('a merge with the same page twice stays idempotent with a name on the row', async () => {
    const db = await getDB();
    await db.put('conversations', conversation({ id: 'c1', participant: { id: 'u1', username: 'maria', name: 'Maria Lopez' } }));
    const page = [graphConversation({ updatedTime: 5000, messages: [graphMessage({ id: 'm5', createdTime: 5000 })] })];
    await mergeConversations(CTX, page);
    expect(await mergeConversations(CTX, page)).toMatchObject({ changed: [] });
  });
});
