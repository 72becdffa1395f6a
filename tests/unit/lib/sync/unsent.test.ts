import { describe, expect, it } from 'vitest';
import { toSearchDoc } from '@/lib/archive/search-docs';
import { getConversation, listMessages } from '@/lib/db';
import { previewOf } from '@/lib/format/text';
import type { GraphMessage } from '@/lib/graph/types';
import { openSearchIndex } from '@/lib/search/engine';
import { mergeConversations } from '@/lib/sync/merge';
import { answerCoversAfter, vanishedFrom } from '@/lib/sync/unsent';
import { graphConversation, graphMessage, message } from '../../support/factories';

const CTX = { accountId: 'ig1', echoesSince: 0 };
const OWN = { id: 'ig1', username: 'lumencoffee' };

/** `n` messages at seconds 1..n, newest first as Meta lists them; every third is the account's. */
function thread(n: number): GraphMessage[] {
  return Array.from({ length: n }, (_, i) => {
    const t = n - i;
    return graphMessage({
      id: `m${t}`,
      createdTime: t * 1000,
      text: `secret ${t}`,
      from: t % 3 === 0 ? OWN : { id: 'u1', username: 'maria' },
    });
  });
}

const without = (list: GraphMessage[], ...ids: string[]) => list.filter((m) => !ids.includes(m.id));

async function byId(): Promise<Record<string, { kind: string; text: string; createdTime: number; attachments: number }>> {
  return Object.fromEntries(
    (await listMessages('c1')).map((m) => [
      m.id,
      { kind: m.kind, text: m.text, createdTime: m.createdTime, attachments: m.attachments.length },
    ]),
  );
}

describe('the span an answer covers', () => {
  it('runs from its oldest message (exclusive); an empty answer proves nothing', () => {
    expect(answerCoversAfter(thread(3))).toBe(1000);
    expect(answerCoversAfter([])).toBeNull();
  });

  it('counts only customer messages inside the span that the answer lacks', () => {
    const cached = [
      message({ id: 'older', createdTime: 500 }),
      message({ id: 'edge', createdTime: 1000 }),
      message({ id: 'inside', createdTime: 1500 }),
      message({ id: 'own', createdTime: 1600, isOwn: true, fromId: 'ig1' }),
      message({ id: 'gone-already', createdTime: 1700, isDeleted: true, kind: 'deleted', text: '' }),
      message({ id: 'newest', createdTime: 5000 }),
      message({ id: 'm2', createdTime: 2000 }),
    ];
    const returned = [graphMessage({ id: 'm2', createdTime: 2000 }), graphMessage({ id: 'm1', createdTime: 1000 })];
    expect(vanishedFrom(returned, cached).map((m) => m.id)).toEqual(['inside', 'newest']);
    expect(vanishedFrom([], cached)).toEqual([]);
  });
});

describe('a customer unsends a message', () => {
  it('Meta stops returning it: it becomes "Message was deleted" at its time, its text and media gone', async () => {
    const first = thread(5);
    const photo = first.find((m) => m.id === 'm2')!;
    photo.attachments = [{ type: 'image', url: 'https://cdn.example/p.jpg', previewUrl: null, width: null, height: null }];
    await mergeConversations(CTX, [graphConversation({ updatedTime: 5000, messages: first })]);
    const result = await mergeConversations(CTX, [graphConversation({ updatedTime: 5000, messages: without(first, 'm2', 'm4') })]);
    const after = await byId();
    expect(after.m2).toEqual({ kind: 'deleted', text: '', createdTime: 2000, attachments: 0 });
    expect(after.m4).toEqual({ kind: 'deleted', text: '', createdTime: 4000, attachments: 0 });
    expect(after.m1?.text).toBe('secret 1');
    expect(result.changed).toEqual(['c1']);
    expect(result.written.map((m) => m.id).sort()).toEqual(['m2', 'm4']);
    // Idempotent: the same answer again changes nothing.
    expect(await mergeConversations(CTX, [graphConversation({ updatedTime: 5000, messages: without(first, 'm2', 'm4') })])).toMatchObject({
      changed: [],
      written: [],
    });
  });

  it('the newest message vanishes: the list preview says so, with the time it was sent', async () => {
    await mergeConversations(CTX, [graphConversation({ updatedTime: 5000, messages: thread(5) })]);
    expect(previewOf((await getConversation('c1'))!.lastMessage)).toBe('secret 5');
    await mergeConversations(CTX, [graphConversation({ updatedTime: 4000, messages: without(thread(5), 'm5') })]);
    const row = await getConversation('c1');
    expect(row?.lastMessage).toMatchObject({ kind: 'deleted', createdTime: 5000 });
    expect(previewOf(row!.lastMessage)).toBe('Message was deleted');
  });

  it('Meta returns it marked deleted: the same end', async () => {
    await mergeConversations(CTX, [graphConversation({ updatedTime: 5000, messages: thread(5) })]);
    const marked = thread(5).map((m) => (m.id === 'm5' ? { ...m, text: '', isDeleted: true } : m));
    await mergeConversations(CTX, [graphConversation({ updatedTime: 5000, messages: marked })]);
    expect((await byId()).m5).toEqual({ kind: 'deleted', text: '', createdTime: 5000, attachments: 0 });
    expect(previewOf((await getConversation('c1'))!.lastMessage)).toBe('Message was deleted');
  });

  it('the 20-message rule: messages older than the newest 20 Meta returns are not unsent', async () => {
    // 25 cached; Meta now returns the newest 20 (m6..m25) after one more arrives: m1..m6 fall out.
    await mergeConversations(CTX, [graphConversation({ updatedTime: 25_000, messages: thread(25) })]);
    const newest20 = thread(26).slice(0, 20); // m26..m7
    await mergeConversations(CTX, [graphConversation({ updatedTime: 26_000, messages: newest20 })]);
    const all = await byId();
    for (let i = 1; i <= 6; i++) expect(all[`m${i}`]?.text, `m${i}`).toBe(`secret ${i}`);
    expect(Object.values(all).filter((m) => m.kind === 'deleted')).toEqual([]);
  });

  it('the 20-message rule: one of the newest 20 vanishes, the 21st takes its place and is not mistaken', async () => {
    await mergeConversations(CTX, [graphConversation({ updatedTime: 25_000, messages: thread(25).slice(0, 20) })]); // m25..m6
    // m20 is unsent: Meta's newest 20 are now m25..m21, m19..m5 (m5 was never cached).
    const answer = without(thread(25), 'm20').slice(0, 20);
    expect(answer.at(-1)?.id).toBe('m5');
    await mergeConversations(CTX, [graphConversation({ updatedTime: 25_000, messages: answer })]);
    const all = await byId();
    expect(all.m20?.kind).toBe('deleted');
    expect(
      Object.entries(all)
        .filter(([, m]) => m.kind === 'deleted')
        .map(([id]) => id),
    ).toEqual(['m20']);
    expect(all.m5?.text).toBe('secret 5');
  });

  it('sent in the same second as the oldest returned: unsent only when Meta said the answer is the whole thread', async () => {
    const hi = graphMessage({ id: 'hi', createdTime: 7000, text: 'Hi there' });
    const secret = graphMessage({ id: 'secret', createdTime: 7000, text: 'door code 4711' });
    await mergeConversations(CTX, [graphConversation({ updatedTime: 7000, messages: [secret, hi] })]);
    // Cut by its limit, the answer may end inside that second: nothing is concluded.
    await mergeConversations(CTX, [graphConversation({ updatedTime: 7000, messages: [hi] })]);
    expect((await byId()).secret?.kind).toBe('text');
    await mergeConversations(CTX, [graphConversation({ updatedTime: 7000, messages: [hi], messagesComplete: true })]);
    expect((await byId()).secret).toEqual({ kind: 'deleted', text: '', createdTime: 7000, attachments: 0 });
    expect(previewOf((await getConversation('c1'))!.lastMessage)).toBe('Message was deleted');
  });

  it('own messages missing from an answer stay (a reply can be cached before Meta lists it)', async () => {
    await mergeConversations(CTX, [graphConversation({ updatedTime: 5000, messages: thread(5) })]);
    await mergeConversations(CTX, [graphConversation({ updatedTime: 5000, messages: without(thread(5), 'm3') })]);
    expect((await byId()).m3?.text).toBe('secret 3');
  });

  it('an empty answer marks nothing', async () => {
    await mergeConversations(CTX, [graphConversation({ updatedTime: 5000, messages: thread(5) })]);
    await mergeConversations(CTX, [graphConversation({ updatedTime: 5000, messages: [] })]);
    expect(Object.values(await byId()).filter((m) => m.kind === 'deleted')).toEqual([]);
  });

  it('the unsent text is no longer found by search', async () => {
    const index = openSearchIndex();
    const store = async (messages: GraphMessage[]) => {
      const r = await mergeConversations(CTX, [graphConversation({ updatedTime: 5000, messages })]);
      await index.upsert(r.written.map((m) => toSearchDoc(m, r.rows.get(m.conversationId))));
    };
    await store(thread(5).map((m) => (m.id === 'm4' ? { ...m, text: 'my address is Elm Street 12' } : m)));
    expect((await index.query('elm street')).map((h) => h.messageId)).toEqual(['m4']);
    await store(without(thread(5), 'm4'));
    expect(await index.query('elm street')).toEqual([]);
  });
});
