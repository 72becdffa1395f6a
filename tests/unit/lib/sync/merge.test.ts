import { describe, expect, it } from 'vitest';
import { getConversation, listMessages } from '@/lib/db';
import { customerOf, markWindowClosed, mergeConversations, messageKind, recordSentMessage, toMessage } from '@/lib/sync/merge';
import { graphConversation, graphMessage } from '../../support/factories';

const CTX = { accountId: 'ig1', echoesSince: 1500 };

describe('mergeConversations', () => {
  it('stores conversations with their customer and last message', async () => {
    const { changed } = await mergeConversations(CTX, [
      graphConversation({
        messages: [
          graphMessage({ id: 'm2', createdTime: 2000, from: { id: 'ig1', username: 'lumencoffee' }, text: 'On its way' }),
          graphMessage({ id: 'm1', createdTime: 1000 }),
        ],
      }),
    ]);
    expect(changed).toEqual(['c1']);
    const c = await getConversation('c1');
    expect(c?.participant).toEqual({ id: 'u1', username: 'maria' });
    expect(c?.lastMessage).toEqual({ text: 'On its way', kind: 'text', isOwn: true, createdTime: 2000 });
    expect((await listMessages('c1')).map((m) => [m.id, m.isOwn])).toEqual([
      ['m1', false],
      ['m2', true],
    ]);
  });

  it('is idempotent: the same page twice changes nothing and duplicates nothing', async () => {
    const page = [graphConversation()];
    await mergeConversations(CTX, page);
    expect(await mergeConversations(CTX, page)).toMatchObject({ changed: [], inserted: [], written: [] });
    expect(await listMessages('c1')).toHaveLength(1);
  });

  it('never deletes messages Meta stopped serving', async () => {
    await mergeConversations(CTX, [graphConversation({ messages: [graphMessage({ id: 'old', createdTime: 10 })] })]);
    await mergeConversations(CTX, [graphConversation({ updatedTime: 5000, messages: [graphMessage({ id: 'new', createdTime: 5000 })] })]);
    expect((await listMessages('c1')).map((m) => m.id)).toEqual(['old', 'new']);
  });

  it('keeps cached details when Meta serves a message without them', async () => {
    await mergeConversations(CTX, [graphConversation()]);
    await mergeConversations(CTX, [graphConversation({ messages: [graphMessage({ text: '', hasDetails: false, from: null })] })]);
    expect((await listMessages('c1'))[0]?.text).toBe('Hello');
  });

  it('updates reactions of a cached message', async () => {
    await mergeConversations(CTX, [graphConversation()]);
    const reacted = graphMessage({ reactions: [{ emoji: '❤️', users: [{ id: 'ig1', username: 'lumencoffee' }] }] });
    expect(await mergeConversations(CTX, [graphConversation({ messages: [reacted] })])).toMatchObject({ changed: ['c1'], inserted: [] });
    expect((await listMessages('c1'))[0]?.reactions[0]?.emoji).toBe('❤️');
  });
});

describe('reply-window fields and echoes', () => {
  it('tracks the customer’s last message and the account’s last reply', async () => {
    await mergeConversations(CTX, [
      graphConversation({
        messages: [
          graphMessage({ id: 'm3', createdTime: 3000, from: { id: 'ig1', username: 'lumencoffee' } }),
          graphMessage({ id: 'm2', createdTime: 2000 }),
        ],
      }),
    ]);
    expect(await getConversation('c1')).toMatchObject({ lastInboundTime: 2000, lastReplyTime: 3000, windowClosedAt: null });
  });

  it('marks own messages DM Desk did not send, after connecting, as sent from Instagram', async () => {
    const own = { id: 'ig1', username: 'lumencoffee' };
    await mergeConversations(CTX, [
      graphConversation({
        messages: [
          graphMessage({ id: 'after', createdTime: 2000, from: own }),
          graphMessage({ id: 'before', createdTime: 1000, from: own }),
        ],
      }),
    ]);
    const byId = Object.fromEntries((await listMessages('c1')).map((m) => [m.id, m.sentVia]));
    expect(byId).toEqual({ before: null, after: 'instagram' });
  });

  it('keeps the DM Desk origin of a sent message when Meta serves it again', async () => {
    await mergeConversations(CTX, [graphConversation()]);
    await recordSentMessage({
      ...toMessage(graphMessage({ id: 'mine', createdTime: 5000, from: { id: 'ig1', username: 'l' } }), 'c1', CTX),
      sentVia: 'dmdesk',
    });
    await mergeConversations(CTX, [
      graphConversation({ messages: [graphMessage({ id: 'mine', createdTime: 5000, from: { id: 'ig1', username: 'l' } })] }),
    ]);
    expect((await listMessages('c1')).find((m) => m.id === 'mine')?.sentVia).toBe('dmdesk');
  });

  it('a new customer message reopens a window Meta reported closed', async () => {
    await mergeConversations(CTX, [graphConversation()]);
    await markWindowClosed('c1');
    expect((await getConversation('c1'))?.windowClosedAt).toBe(1000);
    await mergeConversations(CTX, [graphConversation({ updatedTime: 9000, messages: [graphMessage({ id: 'm9', createdTime: 9000 })] })]);
    expect((await getConversation('c1'))?.windowClosedAt).toBeNull();
  });
});

describe('customerOf and messageKind', () => {
  it('finds the customer even when participants are missing', () => {
    expect(customerOf(graphConversation({ participants: [] }), 'ig1')).toEqual({ id: 'u1', username: 'maria' });
    expect(
      customerOf(
        graphConversation({
          participants: [
            { id: 'u7', username: null },
            { id: 'ig1', username: 'x' },
          ],
        }),
        'ig1',
      ),
    ).toEqual({
      id: 'u7',
      username: null,
    });
  });

  it('names each kind', () => {
    expect(messageKind(graphMessage({ isDeleted: true }))).toBe('deleted');
    expect(messageKind(graphMessage({ text: '', storyMention: { id: 's', url: null } }))).toBe('story-mention');
    expect(
      messageKind(
        graphMessage({
          text: '',
          attachments: [{ type: 'share', url: 'https://instagram.com/reel/x', name: null, description: null, isReel: true }],
        }),
      ),
    ).toBe('reel');
    expect(messageKind(graphMessage({ text: '' }))).toBe('unsupported');
    expect(messageKind(graphMessage())).toBe('text');
  });
});

describe('what Meta leaves out keeps what is stored', () => {
  it('a message without a sender is not inbound and does not reopen the reply window', async () => {
    await mergeConversations(CTX, [graphConversation({ messages: [graphMessage({ id: 'm1', createdTime: 1000 })] })]);
    await markWindowClosed('c1');
    await mergeConversations(CTX, [
      graphConversation({
        updatedTime: 9000,
        messages: [graphMessage({ id: 'm2', createdTime: 9000, from: null, to: [] }), graphMessage({ id: 'm1', createdTime: 1000 })],
      }),
    ]);
    const c = await getConversation('c1');
    expect(c?.lastInboundTime).toBe(1000);
    expect(c?.windowClosedAt).toBe(1000);
    expect((await listMessages('c1')).find((m) => m.id === 'm2')?.isOwn).toBe(false);
  });

  it('a conversation without participants keeps the stored customer', async () => {
    await mergeConversations(CTX, [graphConversation()]);
    await mergeConversations(CTX, [
      graphConversation({
        updatedTime: 5000,
        participants: [],
        messages: [graphMessage({ id: 'm9', createdTime: 5000, from: { id: 'ig1', username: 'lumencoffee' }, to: [] })],
      }),
    ]);
    expect((await getConversation('c1'))?.participant).toEqual({ id: 'u1', username: 'maria' });
    // Nor does one whose messages name somebody else: only `participants` says who the customer is.
    await mergeConversations(CTX, [
      graphConversation({
        updatedTime: 6000,
        participants: [],
        messages: [graphMessage({ id: 'm10', createdTime: 6000, from: null, to: [{ id: 'x9', username: null }] })],
      }),
    ]);
    expect((await getConversation('c1'))?.participant).toEqual({ id: 'u1', username: 'maria' });
  });

  it('a new conversation without participants takes the customer from its messages', async () => {
    await mergeConversations(CTX, [graphConversation({ participants: [] })]);
    expect((await getConversation('c1'))?.participant.id).toBe('u1');
  });
});
