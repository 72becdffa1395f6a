import { describe, expect, it, vi } from 'vitest';
import { importArchiveData } from '@/lib/archive/import';
import { getDB, putAccount } from '@/lib/db';
import type { Message } from '@/lib/db/schema';
import { account, message } from '../../support/factories';

// Imports larger than one write batch (2,000 messages): records are checked while the batch
// before is written, so what is stored must not depend on where a batch ends.
const NOW = Date.UTC(2026, 10, 21, 12);
const IG = '17841400000000001';
const CONVERSATIONS = 450;
const PER_CONVERSATION = 20;

const convId = (c: number) => `aWdfConv${c}`;
const msgId = (c: number, k: number) => `aWdfMsg${c}x${k}`;
const customer = (c: number) => String(5_000_000_000_000_000 + c);

function fileMessage(c: number, k: number, text = `hello ${c} ${k}`): Record<string, unknown> {
  return {
    id: msgId(c, k),
    conversationId: convId(c),
    accountId: IG,
    createdTime: NOW - (c * PER_CONVERSATION + (PER_CONVERSATION - k)) * 60_000,
    fromId: k % 3 === 2 ? IG : customer(c),
    text,
    kind: 'text',
  };
}

function archive(messages: unknown[]): Record<string, unknown> {
  const conversations = Array.from({ length: CONVERSATIONS }, (_, c) => ({
    id: convId(c),
    accountId: IG,
    participant: { id: customer(c), username: `customer_${c}` },
    updatedTime: NOW - c * PER_CONVERSATION * 60_000,
  }));
  return { format: 'dm-desk-archive', version: 1, conversations, messages };
}

async function dump(): Promise<{ conversations: unknown[]; messages: Message[] }> {
  const db = await getDB();
  return { conversations: await db.getAll('conversations'), messages: await db.getAll('messages') };
}

describe('an import of several write batches', () => {
  it('stores every valid message once, keeps stored ones, and a second import changes nothing', async () => {
    await putAccount(account({ id: IG, order: 0, connectedAt: 0 }));
    const all: Record<string, unknown>[] = [];
    for (let c = 0; c < CONVERSATIONS; c++) for (let k = 0; k < PER_CONVERSATION; k++) all.push(fileMessage(c, k));
    // Some messages are cached already (from Meta), spread over every batch; their text differs.
    const cached = all.filter((_, i) => i % 97 === 0);
    const db = await getDB();
    for (const m of cached) {
      await db.put('messages', message({ ...(m as Partial<Message>), text: 'from Meta', isOwn: false }));
    }
    // Copies of a message on both sides of a batch's end, and records to skip between them.
    const messages: unknown[] = [...all];
    messages.splice(1999, 0, 'not a message');
    messages.splice(2001, 0, { ...all[1998]!, text: 'a copy' });
    messages.splice(4000, 0, { ...all[4100]!, createdTime: 'yesterday' });
    messages.push({ ...all[0]!, text: 'a copy at the end' });
    expect(messages.length).toBeGreaterThan(4 * 2000);

    const first = await importArchiveData(archive(messages), NOW);
    const expectedNew = all.length - cached.length;
    expect(first.report.messages).toBe(expectedNew);
    expect(first.added).toHaveLength(expectedNew);
    expect(new Set(first.added.map((m) => m.id)).size).toBe(expectedNew);
    expect(first.report.kept).toBe(cached.length);
    expect(first.report.skippedMessages).toEqual({ 'not-an-object': 1, duplicate: 2, 'time-out-of-range': 1 });
    expect(first.report.conversations).toBe(CONVERSATIONS);

    const after = await dump();
    // Nothing lost, nothing duplicated: every message of the file once, by its id.
    expect(after.messages.map((m) => m.id).sort()).toEqual(all.map((m) => m.id as string).sort());
    const byId = new Map(after.messages.map((m) => [m.id, m]));
    // Stored messages stay as they were; the first copy in the file wins over later ones.
    for (const m of cached) expect(byId.get(m.id as string)?.text).toBe('from Meta');
    expect(byId.get(msgId(99, 18))?.text).toBe(`hello 99 18`);
    expect(byId.get(msgId(449, 19))?.text).toBe('hello 449 19');
    // Each conversation row follows its newest message.
    const rows = new Map((after.conversations as Array<{ id: string; lastMessage: { text: string } | null }>).map((r) => [r.id, r]));
    expect(rows.size).toBe(CONVERSATIONS);
    expect(rows.get(convId(7))?.lastMessage?.text).toBe('hello 7 19');

    // Again: everything is stored already, and the cache is left exactly as it was.
    const second = await importArchiveData(archive(messages), NOW);
    expect(second.report.messages).toBe(0);
    expect(second.added).toEqual([]);
    expect(second.report.kept).toBe(all.length);
    expect(second.report.conversations).toBe(0);
    expect(await dump()).toEqual(after);
  });

  it('a message whose conversation is only in the cache is stored, in any batch', async () => {
    await putAccount(account({ id: IG, order: 0, connectedAt: 0 }));
    const db = await getDB();
    const row = {
      id: 'aWdfCachedConv',
      accountId: IG,
      participant: { id: customer(999), username: 'cached' },
      updatedTime: NOW - 10 * 86_400_000,
      lastMessage: null,
      lastInboundTime: null,
      lastReplyTime: null,
      windowClosedAt: null,
    };
    await db.put('conversations', row);
    const messages: unknown[] = [];
    for (let c = 0; c < 250; c++) for (let k = 0; k < PER_CONVERSATION; k++) messages.push(fileMessage(c, k));
    for (const at of [0, 2000, 4999]) {
      messages.splice(at, 0, { ...fileMessage(999, at), conversationId: row.id, createdTime: NOW - 60_000 + at });
    }
    const { report } = await importArchiveData(archive(messages), NOW);
    expect(report.messages).toBe(messages.length);
    const inCached = await db.getAllFromIndex('messages', 'by-conversation-time', IDBKeyRange.bound([row.id, 0], [row.id, Infinity]));
    expect(inCached.map((m) => m.id)).toEqual([msgId(999, 0), msgId(999, 2000), msgId(999, 4999)]);
    expect((await db.get('conversations', row.id))?.lastInboundTime).toBe(NOW - 60_000 + 4999);
  });
});

describe('an import whose storing fails part of the way', () => {
  it('fails as a whole: no message of the file is stored, and the same file imports whole afterwards', async () => {
    await putAccount(account({ id: IG, order: 0, connectedAt: 0 }));
    const messages: unknown[] = [];
    for (let c = 0; c < 250; c++) for (let k = 0; k < PER_CONVERSATION; k++) messages.push(fileMessage(c, k));
    // The third write batch's first message cannot be stored (as a full disk or a broken record would).
    const put = IDBObjectStore.prototype.put;
    const failing = msgId(200, 0);
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      value: unknown,
      key?: IDBValidKey,
    ) {
      if ((value as { id?: string }).id === failing) throw new DOMException('The record could not be stored.', 'DataError');
      return put.call(this, value, key);
    });
    await expect(importArchiveData(archive(messages), NOW)).rejects.toThrow('could not be stored');
    spy.mockRestore();
    const db = await getDB();
    expect(await db.count('messages')).toBe(0);
    expect(await db.count('conversations')).toBe(0);

    const { report } = await importArchiveData(archive(messages), NOW);
    expect(report.messages).toBe(messages.length);
    expect(await db.count('messages')).toBe(messages.length);
  });
});
