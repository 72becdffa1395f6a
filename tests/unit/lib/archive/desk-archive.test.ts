import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { buildArchive } from '@/lib/archive/export';
import { importArchiveText } from '@/lib/archive/import';
import { getDB, getDeskState, listAccountNotes, listLabels, putAccount, putDeskStates, putLabels, putNotes, resetDBHandle } from '@/lib/db';
import type { ContactNote, ConversationDesk, Label } from '@/lib/db/schema';
import type { Notice } from '@/lib/messaging/protocol';
import type { SearchDoc } from '@/lib/search';
import { account, conversation, message } from '../../support/factories';

const IG = '17841400000000001';
const IG2 = '17841400000000002';
const T = Date.UTC(2026, 10, 21, 10);
const NOW = T + 3_600_000;
const C1 = 'aWdfZAG06MTpJR01lc3NhZA1';
const C2 = 'aWdfZAG06MTpJR01lc3NhZA2';
const C3 = 'aWdfZAG06MTpJR01lc3NhZA3';
const CUSTOMER1 = '5000000000000001';

const labels: Label[] = [
  { id: 'label-eu', name: 'Wholesale EU', color: 'blue', order: 0, createdAt: T - 1000 },
  { id: 'label-vip', name: 'VIP', color: 'red', order: 1, createdAt: T - 1000 },
  { id: 'label-unused', name: 'Unused', color: 'gray', order: 2, createdAt: T - 1000 },
];

function desk(conversationId: string, over: Partial<ConversationDesk> = {}): ConversationDesk {
  return {
    conversationId,
    accountId: IG,
    doneAt: null,
    snooze: null,
    returned: null,
    pinnedAt: null,
    markedUnreadAt: null,
    labelIds: [],
    updatedAt: T + 10,
    ...over,
  };
}

const note: ContactNote = {
  id: 'note-1',
  accountId: IG,
  contactId: CUSTOMER1,
  conversationId: C1,
  text: 'Wants the invoice in EUR',
  createdAt: T,
  updatedAt: T + 5,
};

async function seedCache(): Promise<void> {
  const db = await getDB();
  await putAccount(account({ id: IG }));
  for (const [i, id] of [C1, C2, C3].entries()) {
    await db.put(
      'conversations',
      conversation({ id, accountId: IG, participant: { id: `500000000000000${i + 1}`, username: `c${i}` }, updatedTime: T }),
    );
    await db.put(
      'messages',
      message({ id: `aWdfZAG1faXRlbTox${i}`, conversationId: id, accountId: IG, createdTime: T - 10, fromId: `500000000000000${i + 1}` }),
    );
  }
}

async function seedDesk(): Promise<void> {
  await putLabels(labels);
  await putDeskStates([
    desk(C1, { doneAt: T + 1 }),
    desk(C2, { snooze: { until: NOW + 86_400_000, at: T + 2, reason: 'snooze' }, labelIds: ['label-eu'] }),
    desk(C3, { pinnedAt: T + 3, labelIds: ['label-eu', 'label-vip'] }),
  ]);
  await putNotes([note]);
}

async function freshBrowser(): Promise<void> {
  globalThis.indexedDB = new IDBFactory();
  resetDBHandle();
}

function deps() {
  const notices: Notice[] = [];
  const indexed: SearchDoc[] = [];
  let ids = 0;
  return {
    notices,
    indexed,
    deps: {
      search: { upsert: async (docs: SearchDoc[]) => void indexed.push(...docs) },
      notify: (n: Notice) => void notices.push(n),
      now: () => NOW,
      newId: () => `new-${++ids}`,
    },
  };
}

describe('the desk in export and import', () => {
  it('exports the account’s states, the labels they use and its notes, and imports them into a fresh browser', async () => {
    await seedCache();
    await seedDesk();
    const file = await buildArchive({ accountIds: [IG] });
    expect(file.labels?.map((l) => l.name).sort()).toEqual(['VIP', 'Wholesale EU']);
    expect(file.desk).toHaveLength(3);
    expect(file.notes).toEqual([note]);

    await freshBrowser();
    await seedCache();
    // A label of the same name (other case, other id) already exists here: it is used, not doubled.
    await putLabels([{ id: 'here-vip', name: 'vip', color: 'green', order: 0, createdAt: T }]);
    const { deps: d, notices, indexed } = deps();
    const report = await importArchiveText(JSON.stringify(file), d);
    expect(report.desk).toMatchObject({ labelsCreated: 1, labelsMatched: 1, deskImported: 3, deskKept: 0, notesImported: 1, notesKept: 0 });

    const here = await listLabels();
    expect(here.map((l) => l.name).sort()).toEqual(['Wholesale EU', 'vip']);
    const eu = here.find((l) => l.name === 'Wholesale EU')!;
    expect(await getDeskState(C1)).toMatchObject({ doneAt: T + 1 });
    expect(await getDeskState(C2)).toMatchObject({ snooze: { reason: 'snooze', until: NOW + 86_400_000 }, labelIds: [eu.id] });
    expect((await getDeskState(C3))?.labelIds.sort()).toEqual([eu.id, 'here-vip'].sort());
    expect(await listAccountNotes(IG)).toEqual([note]);
    // Pages hear of it, and the note is found by search.
    expect(notices).toContainEqual({ type: 'labels-changed' });
    expect(notices).toContainEqual({ type: 'desk-changed', accountId: IG, conversationIds: [C1, C2, C3] });
    expect(notices).toContainEqual({ type: 'notes-changed', accountId: IG, contactId: CUSTOMER1 });
    expect(indexed.map((doc) => [doc.messageId, doc.text])).toContainEqual(['note:note-1', 'Wants the invoice in EUR']);

    // Importing the same file again keeps everything as it is.
    const again = await importArchiveText(JSON.stringify(file), deps().deps);
    expect(again.desk).toMatchObject({ labelsCreated: 0, labelsMatched: 2, deskImported: 0, deskKept: 3, notesImported: 0, notesKept: 1 });
    expect(await listLabels()).toHaveLength(2);
  });

  it('keeps the newer of a stored state or note and the file’s', async () => {
    await seedCache();
    await seedDesk();
    const file = await buildArchive({ accountIds: [IG] });
    // Here, after the export: C1 reopened and pinned later, the note edited later; C2's state older.
    await putDeskStates([desk(C1, { pinnedAt: T + 50, updatedAt: T + 50 }), desk(C2, { updatedAt: T })]);
    await putNotes([{ ...note, text: 'Edited later', updatedAt: T + 60 }]);
    const report = await importArchiveText(JSON.stringify(file), deps().deps);
    // C1 is newer here, C2 older, C3 the same: only C2 is taken.
    expect(report.desk).toMatchObject({ deskImported: 1, deskKept: 2, notesImported: 0, notesKept: 1 });
    expect(await getDeskState(C1)).toMatchObject({ doneAt: null, pinnedAt: T + 50 });
    expect(await getDeskState(C2)).toMatchObject({ snooze: { reason: 'snooze' } });
    expect((await listAccountNotes(IG))[0]?.text).toBe('Edited later');
  });

  it('skips bad or foreign records with a reason and imports the rest', async () => {
    await seedCache();
    await putAccount(account({ id: IG2, order: 1 }));
    const file = {
      format: 'dm-desk-archive',
      version: 1,
      exportedAt: new Date(T).toISOString(),
      accounts: [],
      conversations: [],
      messages: [],
      labels: [{ id: 'l1', name: 'Fine', color: 'no-such-colour' }, { id: 'l2', name: '' }, 'nope', { id: 'a/b', name: 'x' }],
      desk: [
        desk(C1, { labelIds: ['l1', 'unknown-label'] }),
        { ...desk(C2), snooze: { until: 'tomorrow', at: T, reason: 'snooze' } },
        desk(C3, { accountId: IG2 }),
        desk('aWdfZAG06MTpJR01lc3NhZA9'),
        desk(C3, { accountId: '17841400000000099' }),
        desk(C1),
      ],
      notes: [
        { ...note, text: '<img src=x onerror=alert(1)>' },
        { ...note, id: 'n2', text: 'x'.repeat(6000) },
        { ...note, id: 'n3', contactId: '../me' },
        { ...note, id: 'n4', updatedAt: NOW + 86_400_000 },
      ],
    };
    const report = await importArchiveText(JSON.stringify(file), deps().deps);
    expect(report.desk).toMatchObject({
      labelsCreated: 1,
      skippedLabels: { 'invalid-field': 1, 'not-an-object': 1, 'invalid-id': 1 },
      deskImported: 1,
      skippedDesk: { 'time-out-of-range': 1, conflict: 1, 'unknown-conversation': 1, 'other-account': 1, duplicate: 1 },
      notesImported: 1,
      skippedNotes: { 'too-large': 1, 'invalid-id': 1, 'time-out-of-range': 1 },
    });
    const fine = (await listLabels())[0]!;
    expect(fine).toMatchObject({ name: 'Fine', color: 'gray' });
    expect(await getDeskState(C1)).toMatchObject({ labelIds: [fine.id] });
    // Text is kept as text: it is rendered as text, never as HTML.
    expect((await listAccountNotes(IG))[0]?.text).toBe('<img src=x onerror=alert(1)>');
  });

  it('says nothing about the desk for a file made before it', async () => {
    await seedCache();
    const file = { format: 'dm-desk-archive', version: 1, exportedAt: '', accounts: [], conversations: [], messages: [] };
    const report = await importArchiveText(JSON.stringify(file), deps().deps);
    expect(report.desk).toBeUndefined();
  });
});
