import { describe, expect, it } from 'vitest';
import {
  ArchiveImportError,
  FUTURE_ALLOWANCE_MS,
  MAX_IMPORT_BYTES,
  importArchiveData,
  importArchiveText,
  importsIndexed,
  parseArchiveText,
  type ImportReport,
} from '@/lib/archive/import';
import { getDB, listMessages, putAccount } from '@/lib/db';
import type { Conversation, Message } from '@/lib/db/schema';
import { DeskError } from '@/lib/errors';
import type { Notice } from '@/lib/messaging/protocol';
import type { SearchDoc } from '@/lib/search';
import { account } from '../../support/factories';
import { searchBackfillCursorItem, searchBackfilledItem } from '@/lib/settings';

const NOW = Date.UTC(2026, 10, 21, 12);
const HOUR = 3_600_000;
const IG = '17841400000000001';
const IG2 = '17841400000000002';
const STRANGER_IG = '17841400000000099';
const CUSTOMER = '5000000000000001';
const CONV = 'aWdfZAG06MTpJR01lc3NhZA1';
const CONV2 = 'aWdfZAG06MTpJR01lc3NhZA2';
const MID = 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOj1';

type Json = Record<string, unknown>;

function conv(over: Json = {}): Json {
  return {
    id: CONV,
    accountId: IG,
    participant: { id: CUSTOMER, username: 'maria' },
    updatedTime: NOW - HOUR,
    lastMessage: null,
    lastInboundTime: null,
    lastReplyTime: null,
    windowClosedAt: null,
    ...over,
  };
}

function msg(over: Json = {}): Json {
  return {
    id: MID,
    conversationId: CONV,
    accountId: IG,
    createdTime: NOW - HOUR,
    fromId: CUSTOMER,
    isOwn: false,
    text: 'Hello',
    kind: 'text',
    attachments: [],
    storyMention: null,
    storyReply: null,
    replyToId: null,
    reactions: [],
    isDeleted: false,
    isUnsupported: false,
    sentVia: null,
    ...over,
  };
}

function file(parts: { conversations?: unknown[]; messages?: unknown[]; accounts?: unknown[] }): Json {
  return {
    format: 'dm-desk-archive',
    version: 1,
    exportedAt: new Date(NOW).toISOString(),
    accounts: parts.accounts ?? [{ id: IG, pageId: '1', pageName: 'Lumen', username: 'lumencoffee', name: 'Lumen', connectedAt: 0 }],
    conversations: parts.conversations ?? [conv()],
    messages: parts.messages ?? [],
  };
}

async function connect(...ids: string[]): Promise<void> {
  for (const [order, id] of ids.entries()) await putAccount(account({ id, order, connectedAt: NOW - 10 * HOUR }));
}

async function stored(): Promise<{ conversations: Conversation[]; messages: Message[] }> {
  const db = await getDB();
  return { conversations: await db.getAll('conversations'), messages: await db.getAll('messages') };
}

interface Case {
  name: string;
  conversations?: unknown[];
  messages: unknown[];
  expect: Partial<ImportReport>;
  then?: (s: { conversations: Conversation[]; messages: Message[] }) => void;
}

const cases: Case[] = [
  {
    name: 'a well-formed message is imported',
    messages: [msg()],
    expect: { conversations: 1, messages: 1, skippedMessages: {}, repaired: {} },
    then: ({ conversations, messages }) => {
      expect(messages[0]).toMatchObject({ id: MID, isOwn: false, fromId: CUSTOMER, text: 'Hello', kind: 'text' });
      expect(conversations[0]).toMatchObject({ lastInboundTime: NOW - HOUR, updatedTime: NOW - HOUR });
    },
  },
  {
    name: 'a message that is not an object',
    messages: ['hello', null, 42, [msg()]],
    expect: { messages: 0, skippedMessages: { 'not-an-object': 4 } },
  },
  { name: 'a message without id', messages: [msg({ id: undefined })], expect: { messages: 0, skippedMessages: { 'invalid-id': 1 } } },
  {
    name: 'message ids with a slash, a query or path steps',
    messages: [msg({ id: 'abc/def' }), msg({ id: '../../me/messages' }), msg({ id: 'x?access_token=1' }), msg({ id: 42 }), msg({ id: '' })],
    expect: { messages: 0, skippedMessages: { 'invalid-id': 5 } },
  },
  { name: 'text that is not a string', messages: [msg({ text: 5 })], expect: { messages: 0, skippedMessages: { 'invalid-field': 1 } } },
  {
    name: 'a sender id that is not a Meta id',
    messages: [msg({ fromId: '1/2' })],
    expect: { messages: 0, skippedMessages: { 'invalid-field': 1 } },
  },
  {
    name: 'reactions that are not a list',
    messages: [msg({ reactions: 'lots' })],
    expect: { messages: 0, skippedMessages: { 'invalid-field': 1 } },
  },
  {
    name: 'a deleted flag that is not a boolean',
    messages: [msg({ isDeleted: 'yes' })],
    expect: { messages: 0, skippedMessages: { 'invalid-field': 1 } },
  },
  {
    name: 'a createdTime of 1e16 (beyond any date)',
    messages: [msg({ createdTime: 1e16 })],
    expect: { messages: 0, skippedMessages: { 'time-out-of-range': 1 } },
    then: ({ conversations }) => expect(conversations[0]).toMatchObject({ updatedTime: NOW - HOUR, lastInboundTime: null }),
  },
  {
    name: 'a date a day in the future (would pin the row and the reply window)',
    messages: [msg({ createdTime: NOW + 24 * HOUR })],
    expect: { messages: 0, skippedMessages: { 'time-out-of-range': 1 } },
    then: ({ conversations }) => expect(conversations[0]?.lastInboundTime).toBeNull(),
  },
  {
    name: 'times that are not numbers, not finite, or before Instagram',
    messages: [
      msg({ id: 'a1', createdTime: '2026-11-21T10:00:00Z' }),
      msg({ id: 'a2', createdTime: null }),
      msg({ id: 'a3', createdTime: 5 }),
      msg({ id: 'a4', createdTime: -1e15 }),
      msg({ id: 'a5', createdTime: undefined }),
    ],
    expect: { messages: 0, skippedMessages: { 'time-out-of-range': 5 } },
  },
  {
    name: 'a time a few minutes ahead (clock skew) is set to now',
    messages: [msg({ createdTime: NOW + FUTURE_ALLOWANCE_MS / 2 })],
    expect: { messages: 1, repaired: { 'time-clamped': 1 } },
    then: ({ messages, conversations }) => {
      expect(messages[0]?.createdTime).toBe(NOW);
      expect(conversations[0]?.updatedTime).toBe(NOW);
    },
  },
  {
    name: 'a message of an account not connected here',
    messages: [msg({ accountId: STRANGER_IG })],
    expect: { messages: 0, skippedMessages: { 'other-account': 1 } },
  },
  {
    name: 'a message claiming another connected account than its conversation',
    messages: [msg({ accountId: IG2 })],
    expect: { messages: 0, skippedMessages: { 'account-mismatch': 1 } },
  },
  {
    name: 'a message of a conversation that is neither in the file nor stored',
    messages: [msg({ conversationId: CONV2 }), msg({ id: 'b', conversationId: 7 }), msg({ id: 'c', conversationId: 'a/b' })],
    expect: { messages: 0, skippedMessages: { 'unknown-conversation': 3 } },
  },
  {
    name: 'javascript: and data: links in attachments, stories and shares are removed',
    messages: [
      msg({
        attachments: [
          { type: 'image', url: 'javascript:alert(1)', previewUrl: null, width: null, height: null },
          { type: 'file', url: 'https://cdn.example.com/a.pdf', name: 'a.pdf' },
          { type: 'video', url: 'https://cdn.example.com/v.mp4', previewUrl: 'data:text/html,<b>x</b>' },
          { type: 'share', url: 'javascript:alert(2)', name: 'A post', description: null, isReel: true },
          { type: 'script', url: 'https://cdn.example.com/x.js' },
          'nonsense',
        ],
        storyMention: { id: '1789', url: 'javascript:alert(3)' },
      }),
    ],
    expect: { messages: 1, repaired: { 'unsafe-link': 1 } },
    then: ({ messages }) => {
      expect(messages[0]?.attachments).toEqual([
        { type: 'file', url: 'https://cdn.example.com/a.pdf', name: 'a.pdf' },
        { type: 'video', url: 'https://cdn.example.com/v.mp4', previewUrl: null },
        // Its kind stays as exported (Meta's attachment type may have said reel); only the link goes.
        { type: 'share', url: null, name: 'A post', description: null, isReel: true },
      ]);
      expect(messages[0]?.storyMention).toEqual({ id: '1789', url: null });
      expect(JSON.stringify(messages)).not.toMatch(/javascript:|data:/);
    },
  },
  {
    name: 'a message without from is kept but does not reopen the reply window',
    messages: [msg({ fromId: undefined, isOwn: false, createdTime: NOW - HOUR })],
    expect: { messages: 1, repaired: { 'no-sender': 1 } },
    then: ({ messages, conversations }) => {
      expect(messages[0]).toMatchObject({ fromId: null, isOwn: false });
      expect(conversations[0]).toMatchObject({ lastInboundTime: null, lastReplyTime: null });
    },
  },
  {
    name: 'who sent a message follows its sender id, not the file’s isOwn',
    messages: [msg({ id: 'x1', isOwn: true, fromId: CUSTOMER }), msg({ id: 'x2', isOwn: false, fromId: IG, createdTime: NOW - HOUR / 2 })],
    expect: { messages: 2 },
    then: ({ messages, conversations }) => {
      expect(messages.find((m) => m.id === 'x1')?.isOwn).toBe(false);
      expect(messages.find((m) => m.id === 'x2')?.isOwn).toBe(true);
      expect(conversations[0]).toMatchObject({ lastInboundTime: NOW - HOUR, lastReplyTime: NOW - HOUR / 2 });
    },
  },
  {
    name: 'a file’s kind is recomputed from the content',
    messages: [msg({ kind: 'deleted', text: 'Hi' }), msg({ id: 'k2', kind: '<img onerror>', text: 'Hey' })],
    expect: { messages: 2 },
    then: ({ messages }) => expect(messages.map((m) => m.kind)).toEqual(['text', 'text']),
  },
  { name: 'huge text', messages: [msg({ text: 'x'.repeat(100_000) })], expect: { messages: 0, skippedMessages: { 'too-large': 1 } } },
  {
    name: 'thousands of attachments',
    messages: [msg({ attachments: Array.from({ length: 5000 }, () => ({ type: 'audio', url: 'https://cdn.example.com/a.mp4' })) })],
    expect: { messages: 0, skippedMessages: { 'too-large': 1 } },
  },
  {
    name: 'a huge user name becomes no name',
    messages: [msg({ reactions: [{ emoji: '❤️', users: [{ id: CUSTOMER, username: 'u'.repeat(10_000) }] }] })],
    expect: { messages: 1 },
    then: ({ messages }) => expect(messages[0]?.reactions).toEqual([{ emoji: '❤️', users: [{ id: CUSTOMER, username: null }] }]),
  },
  {
    name: 'the same message id twice',
    messages: [msg({ text: 'first' }), msg({ text: 'second' })],
    expect: { messages: 1, skippedMessages: { duplicate: 1 } },
    then: ({ messages }) => expect(messages.map((m) => m.text)).toEqual(['first']),
  },
  {
    name: 'prototype-pollution keys are ignored',
    messages: JSON.parse(
      `[{"id":"${MID}","conversationId":"${CONV}","createdTime":${NOW - HOUR},"fromId":"${CUSTOMER}","text":"Hi","__proto__":{"isOwn":true,"polluted":"yes","accountId":"${IG2}"},"constructor":{"prototype":{"polluted":"yes"}}}]`,
    ) as unknown[],
    expect: { messages: 1 },
    then: ({ messages }) => {
      expect(messages[0]).toMatchObject({ isOwn: false, accountId: IG });
      expect(Object.keys(messages[0] ?? {})).not.toContain('__proto__');
      expect(Object.keys(messages[0] ?? {})).not.toContain('constructor');
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    },
  },
  // Conversations
  {
    name: 'a conversation of an account not connected here, with its messages',
    conversations: [conv({ accountId: STRANGER_IG })],
    messages: [msg({ accountId: STRANGER_IG })],
    expect: { conversations: 0, messages: 0, skippedConversations: { 'other-account': 1 }, skippedMessages: { 'other-account': 1 } },
    then: ({ conversations }) => expect(conversations).toEqual([]),
  },
  {
    name: 'a conversation without an account',
    conversations: [conv({ accountId: undefined })],
    messages: [msg()],
    expect: { conversations: 0, skippedConversations: { 'other-account': 1 }, skippedMessages: { 'other-account': 1 } },
  },
  {
    name: 'a conversation id with a slash',
    conversations: [conv({ id: `${CONV}/messages` })],
    messages: [msg({ conversationId: `${CONV}/messages` })],
    expect: { conversations: 0, skippedConversations: { 'invalid-id': 1 }, skippedMessages: { 'unknown-conversation': 1 } },
  },
  {
    name: 'participant {} takes the customer from the messages',
    conversations: [conv({ participant: {} })],
    messages: [msg()],
    expect: { conversations: 1, repaired: { 'customer-from-messages': 1 } },
    then: ({ conversations }) => expect(conversations[0]?.participant).toEqual({ id: CUSTOMER, username: null }),
  },
  {
    name: 'no participant and no customer message: marked unknown, never another id',
    conversations: [conv({ participant: undefined })],
    messages: [msg({ fromId: IG })],
    expect: { conversations: 1, repaired: { 'customer-unknown': 1 } },
    then: ({ conversations }) => expect(conversations[0]?.participant).toEqual({ id: `unknown:${CONV}`, username: null }),
  },
  {
    name: 'a participant id that is not a Meta id, or the account itself',
    conversations: [
      conv({ participant: { id: 'javascript:1', username: 'x' } }),
      conv({ id: CONV2, participant: { id: IG, username: 'me' } }),
    ],
    messages: [msg(), msg({ id: 'z2', conversationId: CONV2 })],
    expect: { conversations: 2, repaired: { 'customer-from-messages': 2 } },
    then: ({ conversations }) => expect(conversations.map((c) => c.participant.id)).toEqual([CUSTOMER, CUSTOMER]),
  },
  {
    name: 'a conversation updatedTime of 1e16 is replaced by its newest message',
    conversations: [conv({ updatedTime: 1e16 })],
    messages: [msg()],
    expect: { conversations: 1, repaired: { 'row-time': 1 } },
    then: ({ conversations }) => expect(conversations[0]?.updatedTime).toBe(NOW - HOUR),
  },
  {
    name: 'a conversation dated in the future is replaced by its newest message',
    conversations: [conv({ updatedTime: NOW + 365 * 24 * HOUR })],
    messages: [msg()],
    expect: { conversations: 1, repaired: { 'row-time': 1 } },
    then: ({ conversations }) => expect(conversations[0]?.updatedTime).toBe(NOW - HOUR),
  },
  {
    name: 'a conversation with neither a time nor messages',
    conversations: [conv({ updatedTime: 'soon' })],
    messages: [],
    expect: { conversations: 0, skippedConversations: { 'time-out-of-range': 1 } },
  },
  {
    name: 'reply-window fields of the file are never trusted',
    conversations: [
      conv({
        lastInboundTime: NOW + 1e9,
        lastReplyTime: 1e16,
        windowClosedAt: 'never',
        lastMessage: { text: '<b>x</b>', kind: 'text', isOwn: false, createdTime: 1e16 },
      }),
    ],
    messages: [msg()],
    expect: { conversations: 1 },
    then: ({ conversations }) =>
      expect(conversations[0]).toMatchObject({
        lastInboundTime: NOW - HOUR,
        lastReplyTime: null,
        windowClosedAt: null,
        lastMessage: { text: 'Hello', createdTime: NOW - HOUR },
      }),
  },
  {
    name: 'the same conversation twice',
    conversations: [conv(), conv({ participant: { id: '5000000000000002', username: 'impostor' } })],
    messages: [msg()],
    expect: { conversations: 1, skippedConversations: { duplicate: 1 } },
    then: ({ conversations }) => expect(conversations[0]?.participant.username).toBe('maria'),
  },
  {
    name: 'conversations that are not objects',
    conversations: ['x', null, 3],
    messages: [],
    expect: { conversations: 0, skippedConversations: { 'not-an-object': 3 } },
  },
];

describe('archive import validator', () => {
  it.each(cases)('$name', async (c) => {
    await connect(IG, IG2);
    const { report } = await importArchiveData(file({ conversations: c.conversations ?? [conv()], messages: c.messages }), NOW);
    const { skippedConversations, skippedMessages, repaired, ...counts } = c.expect;
    expect(report).toMatchObject(counts);
    // Every skip and repair is the one expected, with its reason, and no other.
    expect(report.skippedConversations).toEqual(skippedConversations ?? {});
    expect(report.skippedMessages).toEqual(skippedMessages ?? {});
    expect(report.repaired).toEqual(repaired ?? {});
    // Nothing counted twice, nothing lost silently.
    const skipped = Object.values(report.skippedMessages).reduce((a, b) => a + (b ?? 0), 0);
    expect(report.messages + report.kept + skipped).toBe(c.messages.length);
    c.then?.(await stored());
  });

  it.each([
    ['text that is not JSON', () => parseArchiveText('<html>not json</html>'), /not JSON/],
    ['a file over the size limit', () => parseArchiveText(' '.repeat(MAX_IMPORT_BYTES + 1)), /larger than 32 MB/],
  ])('refuses %s with a clear message', (_name, run, message) => {
    expect(run).toThrow(ArchiveImportError);
    expect(run).toThrow(message);
  });

  it.each([
    ['JSON that is not an archive', { hello: 1 }, 'This file is not a DM Desk archive.'],
    ['an array', [1, 2], 'This file is not a DM Desk archive.'],
    ['null', null, 'This file is not a DM Desk archive.'],
    ['a version that is not a number', { format: 'dm-desk-archive', version: '1' }, 'This file is not a DM Desk archive.'],
    ['a newer version', { format: 'dm-desk-archive', version: 99 }, /newer DM Desk/],
    ['conversations that are not a list', { format: 'dm-desk-archive', version: 1, conversations: {} }, /damaged/],
  ])('refuses %s', async (_name, data, message) => {
    await connect(IG);
    await expect(importArchiveData(data, NOW)).rejects.toThrow(message);
  });

  it('never takes account fields from the file (connectedAt, status) nor creates accounts', async () => {
    await connect(IG);
    const before = await (await getDB()).getAll('accounts');
    await importArchiveData(
      file({
        accounts: [
          { id: IG, pageId: '1', pageName: 'x', username: 'evil', name: 'x', connectedAt: 1e16, status: 'ok' },
          { id: STRANGER_IG, pageId: '2', pageName: 'y', username: 'y', name: 'y', connectedAt: 0 },
        ],
        messages: [msg()],
      }),
      NOW,
    );
    expect(await (await getDB()).getAll('accounts')).toEqual(before);
  });

  describe('never makes a stored record worse', () => {
    const storedRow: Conversation = {
      id: CONV,
      accountId: IG,
      participant: { id: CUSTOMER, username: 'maria' },
      updatedTime: NOW - HOUR,
      lastMessage: { text: 'Hello', kind: 'text', isOwn: false, createdTime: NOW - HOUR },
      lastInboundTime: NOW - HOUR,
      lastReplyTime: NOW - 2 * HOUR,
      windowClosedAt: null,
    };
    const storedMessage: Message = msg() as unknown as Message;

    async function seedStored(row: Conversation = storedRow): Promise<void> {
      await connect(IG, IG2);
      const db = await getDB();
      await db.put('conversations', row);
      await db.put('messages', storedMessage);
    }

    it('keeps stored messages and the stored row against a hostile copy', async () => {
      await seedStored();
      const { report } = await importArchiveData(
        file({
          conversations: [
            conv({ participant: {}, updatedTime: 1e16, lastInboundTime: NOW + 1e9 }),
            conv({ participant: { id: '5000000000000002', username: 'impostor' } }),
          ],
          messages: [msg({ text: 'tampered', fromId: IG, isOwn: true, createdTime: NOW - 10 * HOUR })],
        }),
        NOW,
      );
      expect(report).toMatchObject({ conversations: 0, messages: 0, kept: 1 });
      const s = await stored();
      expect(s.conversations).toEqual([storedRow]);
      expect(s.messages).toEqual([storedMessage]);
    });

    it('a stored customer id is never replaced, but a missing name is filled in', async () => {
      await seedStored({ ...storedRow, participant: { id: CUSTOMER, username: null } });
      await importArchiveData(file({ conversations: [conv({ participant: { id: '5000000000000002', username: 'impostor' } })] }), NOW);
      expect((await stored()).conversations[0]?.participant).toEqual({ id: CUSTOMER, username: null });
      await importArchiveData(file({ conversations: [conv()] }), NOW);
      expect((await stored()).conversations[0]?.participant).toEqual({ id: CUSTOMER, username: 'maria' });
    });

    it('an unknown stored customer is replaced by the file’s real one', async () => {
      await seedStored({ ...storedRow, participant: { id: `unknown:${CONV}`, username: null } });
      await importArchiveData(file({ conversations: [conv()] }), NOW);
      expect((await stored()).conversations[0]?.participant).toEqual({ id: CUSTOMER, username: 'maria' });
    });

    it('older messages fill in history without moving the row back', async () => {
      await seedStored();
      const { report } = await importArchiveData(
        file({
          conversations: [conv({ updatedTime: NOW - 9 * HOUR })],
          messages: [msg({ id: 'old', createdTime: NOW - 9 * HOUR, text: 'Earlier' })],
        }),
        NOW,
      );
      expect(report).toMatchObject({ conversations: 0, messages: 1 });
      expect((await stored()).conversations).toEqual([storedRow]);
      expect((await listMessages(CONV)).map((m) => m.text)).toEqual(['Earlier', 'Hello']);
    });

    it('a message id stored in another conversation is not moved', async () => {
      await seedStored();
      const { report } = await importArchiveData(
        file({ conversations: [conv({ id: CONV2 })], messages: [msg({ conversationId: CONV2, text: 'moved' })] }),
        NOW,
      );
      expect(report.skippedMessages).toEqual({ conflict: 1 });
      expect((await stored()).messages).toEqual([storedMessage]);
    });

    it('a conversation stored under another account is not touched', async () => {
      await seedStored();
      const { report } = await importArchiveData(
        file({ conversations: [conv({ accountId: IG2 })], messages: [msg({ accountId: IG2, id: 'n1' })] }),
        NOW,
      );
      expect(report).toMatchObject({ skippedConversations: { conflict: 1 }, skippedMessages: { conflict: 1 } });
      expect((await stored()).conversations).toEqual([storedRow]);
    });
  });

  it('the background request indexes what it added and tells open pages', async () => {
    await connect(IG);
    const notices: Notice[] = [];
    const docs: SearchDoc[] = [];
    const report = await importArchiveText(JSON.stringify(file({ messages: [msg()] })), {
      search: { upsert: async (d) => void docs.push(...d) },
      notify: (n) => notices.push(n),
      now: () => NOW,
    });
    expect(report.messages).toBe(1);
    await importsIndexed();
    expect(notices.filter((n) => n.type !== 'import-progress')).toEqual([
      { type: 'conversations-changed', accountId: IG, conversationIds: [CONV] },
      { type: 'search-index-progress', done: 0, total: 1 },
      { type: 'search-index-progress', done: 1, total: 1 },
    ]);
    expect(docs).toMatchObject([{ messageId: MID, conversationId: CONV, participantUsername: 'maria', text: 'Hello' }]);
  });

  it('tells open pages each phase of a large import, in order, up to its total; the index is built after the report', async () => {
    await connect(IG);
    const notices: Notice[] = [];
    const messages = Array.from({ length: 4500 }, (_, i) => msg({ id: `${MID}${i}`, text: `Hello ${i}` }));
    const batches: number[] = [];
    await searchBackfilledItem.setValue(true);
    let flagWhileIndexing: boolean | null = null;
    const report = await importArchiveText(JSON.stringify(file({ messages })), {
      search: {
        upsert: async (d) => {
          batches.push(d.length);
          flagWhileIndexing ??= await searchBackfilledItem.getValue();
        },
      },
      notify: (n) => notices.push(n),
      now: () => NOW,
    });
    expect(report.messages).toBe(4500);
    // The report came before the index has the messages; a stopped worker would index the cache again.
    expect(await searchBackfilledItem.getValue()).toBe(false);
    await importsIndexed();
    const progress = notices.flatMap((n) =>
      n.type === 'import-progress'
        ? [`${n.phase} ${n.done}/${n.total}`]
        : n.type === 'search-index-progress'
          ? [`index ${n.done}/${n.total}`]
          : [],
    );
    expect(progress).toEqual([
      // Records are checked while the batch before is written: writing is the phase shown.
      'checking 0/0',
      'writing 2000/4500',
      'writing 4000/4500',
      'writing 4500/4500',
      'index 0/4500',
      'index 4500/4500',
    ]);
    expect(batches).toEqual([4500]);
    // While the import's messages are being indexed, a stopped worker would index the cache again.
    expect(flagWhileIndexing).toBe(false);
    expect(await searchBackfilledItem.getValue()).toBe(true);
  });

  it('two imports indexed one after the other: the index counts as complete again only after both', async () => {
    await connect(IG);
    await searchBackfilledItem.setValue(true);
    const flags: boolean[] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    const search = {
      upsert: async (d: SearchDoc[]) => {
        flags.push(await searchBackfilledItem.getValue());
        if (d[0]?.messageId === `${MID}a`) await held;
      },
    };
    const deps = { search, notify: () => undefined, now: () => NOW };
    await importArchiveText(JSON.stringify(file({ messages: [msg({ id: `${MID}a` })] })), deps);
    await importArchiveText(JSON.stringify(file({ messages: [msg({ id: `${MID}b` })] })), deps);
    expect(await searchBackfilledItem.getValue()).toBe(false);
    release();
    await importsIndexed();
    expect(flags).toEqual([false, false]);
    expect(await searchBackfilledItem.getValue()).toBe(true);
  });

  it('an index write that fails leaves the next start to index the whole cache', async () => {
    await connect(IG);
    await searchBackfilledItem.setValue(true);
    await searchBackfillCursorItem.setValue('somewhere');
    const report = await importArchiveText(JSON.stringify(file({ messages: [msg()] })), {
      search: { upsert: () => Promise.reject(new Error('disk')) },
      notify: () => undefined,
      now: () => NOW,
    });
    expect(report.messages).toBe(1);
    await importsIndexed();
    expect(await searchBackfilledItem.getValue()).toBe(false);
    expect(await searchBackfillCursorItem.getValue()).toBeNull();
  });

  it('the background request turns refusals into messages a person reads', async () => {
    const deps = { search: { upsert: async () => undefined }, notify: () => undefined, now: () => NOW };
    await expect(importArchiveText('{oops', deps)).rejects.toThrow(DeskError);
    await expect(importArchiveText('{oops', deps)).rejects.toThrow(/not JSON/);
    await expect(importArchiveText({ not: 'text' }, deps)).rejects.toThrow(DeskError);
  });
});
