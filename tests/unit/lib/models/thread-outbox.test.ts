/** The thread model's side of the outbox: Retry, Edit and Delete on a reply, and the images in the box. */
import { describe, expect, it } from 'vitest';
import type { Message, OutboxItem, PendingUpload } from '@/lib/db/schema';
import { DeskError } from '@/lib/errors';
import { createThreadModel } from '@/lib/models/thread';
import { outboxShown } from '@/lib/models/thread-messages';
import { account, conversation, message, outboxItem } from '../../support/factories';
import { fakeInboxDeps, synced } from '../../support/inbox-deps';

function upload(id: string): PendingUpload {
  return { id, accountId: 'ig1', conversationId: 'c1', name: `${id}.png`, type: 'image/png', size: 10, blob: new Blob(['x']), addedAt: 0 };
}

const failedItem = (over: Partial<OutboxItem> = {}): OutboxItem =>
  outboxItem({
    text: 'Here is the latte',
    uploadIds: ['u1'],
    state: 'failed',
    createdAt: 1,
    attemptedAt: 1,
    attempts: 1,
    error: { kind: 'failed', message: 'Instagram had a temporary problem.' },
    ...over,
  });

async function openWith(item: OutboxItem, messages: Message[]) {
  const { deps } = fakeInboxDeps({
    accounts: [account()],
    conversations: { ig1: [conversation()] },
    messages: { c1: messages },
    sync: { ig1: synced('ig1') },
    outbox: [item],
  });
  const model = createThreadModel(deps, { account: account(), conversationId: 'c1' });
  await model.load();
  return { model };
}

async function open(item: OutboxItem, uploads: PendingUpload[]) {
  const { deps, world } = fakeInboxDeps({
    accounts: [account()],
    conversations: { ig1: [conversation()] },
    messages: { c1: [message()] },
    sync: { ig1: synced('ig1') },
    uploads,
    outbox: [item],
  });
  // The fake background removes the item as the real one does (keeping its images for Edit).
  const request = deps.request;
  deps.request = async (name, payload) => {
    const result = await request(name, payload);
    if (name === 'discardSend') {
      const p = payload as { outboxId: string; keepImages?: boolean };
      const gone = world.outbox.find((o) => o.id === p.outboxId);
      world.outbox = world.outbox.filter((o) => o.id !== p.outboxId);
      if (gone && !p.keepImages) world.uploads = world.uploads.filter((u) => !gone.uploadIds.includes(u.id));
    }
    return result;
  };
  const model = createThreadModel(deps, { account: account(), conversationId: 'c1' });
  await model.load();
  return { model, world };
}

describe('ThreadModel and the outbox', () => {
  it('the box never offers images a reply in the outbox holds (they would go twice)', async () => {
    const { model } = await open(failedItem(), [upload('u1'), upload('u2')]);
    expect(model.attachments.images.value.map((i) => i.id)).toEqual(['u2']);
  });

  it('Edit takes a failed reply back into the box with its text and its images', async () => {
    const { model, world } = await open(failedItem(), [upload('u1')]);
    await model.edit('o1');
    expect(world.requests.at(-1)).toEqual({ name: 'discardSend', payload: { outboxId: 'o1', keepImages: true } });
    expect(model.draft.value).toBe('Here is the latte');
    expect(model.attachments.images.value.map((i) => i.id)).toEqual(['u1']);
    expect(model.outbox.value).toEqual([]);
  });

  it('Edit brings back only what did not go out', async () => {
    const { model } = await open(failedItem({ sentParts: ['text'], messageIds: ['m9'] }), [upload('u1')]);
    await model.edit('o1');
    expect(model.draft.value).toBe('');
    expect(model.attachments.images.value.map((i) => i.id)).toEqual(['u1']);
  });

  it('Edit or Retry refused while DM Desk is still checking leaves the reply and says why', async () => {
    const { model, world } = await open(failedItem({ state: 'unknown', error: null }), [upload('u1')]);
    const refusal = new DeskError('invalid-request', 'DM Desk is still checking whether this reply was sent.');
    world.failNext.discardSend = refusal;
    await model.edit('o1');
    expect(model.actionError.value).toBe(refusal.message);
    expect(model.draft.value).toBe('');
    expect(model.attachments.images.value).toEqual([]);
    expect(model.outbox.value.map((o) => o.id)).toEqual(['o1']);
    world.failNext.retrySend = refusal;
    await model.retry('o1');
    expect(model.actionError.value).toBe(refusal.message);
  });

  it('a reply being checked does not show beside its own message once a sync brought it', async () => {
    const checking = outboxItem({ id: 'o1', text: 'On its way', state: 'unknown', createdAt: 50_400, uploadIds: [] });
    const shown = (messages: ReturnType<typeof message>[]) => outboxShown([checking], messages).map((o) => o.id);
    // Not yet in the thread: the bubble says it is being checked.
    expect(shown([message({ id: 'm1', isOwn: false, text: 'On its way', createdTime: 51_000 })])).toEqual(['o1']);
    // The same words sent before it was queued are another message.
    expect(shown([message({ id: 'm0', isOwn: true, text: 'On its way', createdTime: 10_000 })])).toEqual(['o1']);
    // Our message with its text, sent since (Graph times are whole seconds): the message alone shows.
    expect(shown([message({ id: 'm2', isOwn: true, text: 'On its way', createdTime: 50_000 })])).toEqual([]);
    // A reply that failed or waits keeps its bubble whatever the thread holds.
    const failed = { ...checking, state: 'failed' as const };
    expect(outboxShown([failed], [message({ id: 'm2', isOwn: true, text: 'On its way', createdTime: 51_000 })])).toEqual([failed]);
  });

  it('the thread hides that bubble as soon as the message is loaded', async () => {
    const checking = outboxItem({ id: 'o1', text: 'Hello', state: 'unknown', createdAt: 500, uploadIds: [] });
    const { model } = await open(checking, []);
    expect(model.outbox.value).toEqual([checking]);
    const { model: withMessage } = await openWith(checking, [message({ id: 'm9', isOwn: true, text: 'Hello', createdTime: 1000 })]);
    expect(withMessage.outbox.value).toEqual([]);
  });
});
