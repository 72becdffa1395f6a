/**
 * The background's label and note handlers against a real (fake-indexeddb) database: what they
 * refuse, what they write, and what they tell the pages.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { getDeskState, listLabels, listNotes, putAccount, putDeskStates } from '@/lib/db';
import type { ContactNote } from '@/lib/db/schema';
import { emptyDesk } from '@/lib/desk/changes';
import { deskHandlers, MAX_LABEL_NAME, MAX_NOTE_LENGTH } from '@/lib/desk/writes';
import type { Notice } from '@/lib/messaging/protocol';
import { account } from '../../support/factories';

let notices: Notice[];
let notes: Array<{ note: ContactNote; removed: boolean }>;
let clock: number;
let ids: number;

function handlers() {
  return deskHandlers({
    notify: (n) => notices.push(n),
    now: () => clock,
    newId: () => `id${++ids}`,
    onNotesChanged: (note, removed) => notes.push({ note, removed }),
  });
}

beforeEach(async () => {
  notices = [];
  notes = [];
  clock = 1000;
  ids = 0;
  await putAccount(account({ id: 'ig1' }));
});

describe('saveLabel', () => {
  it('creates labels in order, with a clean name, and tells every page', async () => {
    const h = handlers();
    const a = await h.saveLabel({ name: '  Wholesale   orders ', color: 'blue' });
    const b = await h.saveLabel({ name: 'Refunds', color: 'red' });
    expect(a).toMatchObject({ name: 'Wholesale orders', color: 'blue', order: 0, createdAt: 1000 });
    expect(b.order).toBe(1);
    expect((await listLabels()).map((l) => l.name)).toEqual(['Wholesale orders', 'Refunds']);
    expect(notices).toEqual([{ type: 'labels-changed' }, { type: 'labels-changed' }]);
  });

  it('refuses an empty name, a long one, a colour off the palette and a second label of the same name', async () => {
    const h = handlers();
    await h.saveLabel({ name: 'Refunds', color: 'red' });
    await expect(h.saveLabel({ name: '   ', color: 'red' })).rejects.toThrow('A label needs a name.');
    await expect(h.saveLabel({ name: 'x'.repeat(MAX_LABEL_NAME + 1), color: 'red' })).rejects.toThrow(`at most ${MAX_LABEL_NAME}`);
    // @ts-expect-error a page could send anything
    await expect(h.saveLabel({ name: 'Other', color: '#f00' })).rejects.toThrow('Pick one of the label colours.');
    await expect(h.saveLabel({ name: 'REFUNDS', color: 'blue' })).rejects.toThrow('There is already a label called “REFUNDS”.');
    await expect(h.saveLabel({ id: 'gone', name: 'New', color: 'blue' })).rejects.toThrow('That label no longer exists.');
    expect(await listLabels()).toHaveLength(1);
  });

  it('renames and recolours a label in place (its own name in another case is no duplicate)', async () => {
    const h = handlers();
    const a = await h.saveLabel({ name: 'refunds', color: 'red' });
    await h.saveLabel({ name: 'Orders', color: 'blue' });
    const renamed = await h.saveLabel({ id: a.id, name: 'Refunds', color: 'green' });
    expect(renamed).toEqual({ ...a, name: 'Refunds', color: 'green' });
    expect((await listLabels()).map((l) => [l.name, l.order])).toEqual([
      ['Refunds', 0],
      ['Orders', 1],
    ]);
  });

  it('moves a label to another position and renumbers the others', async () => {
    const h = handlers();
    const a = await h.saveLabel({ name: 'A', color: 'red' });
    await h.saveLabel({ name: 'B', color: 'red' });
    const c = await h.saveLabel({ name: 'C', color: 'red' });
    await h.saveLabel({ ...c, order: 0 });
    expect((await listLabels()).map((l) => `${l.name}${l.order}`)).toEqual(['C0', 'A1', 'B2']);
    await h.saveLabel({ ...a, order: 99 });
    expect((await listLabels()).map((l) => `${l.name}${l.order}`)).toEqual(['C0', 'B1', 'A2']);
    await expect(h.saveLabel({ ...a, order: -1 })).rejects.toThrow('could not tell where to move the label');
  });
});

describe('deleteLabel', () => {
  it('takes the label off every conversation of every account at once and names them', async () => {
    const h = handlers();
    await putAccount(account({ id: 'ig2' }));
    const refunds = await h.saveLabel({ name: 'Refunds', color: 'red' });
    const vip = await h.saveLabel({ name: 'VIP', color: 'purple' });
    await putDeskStates([
      { ...emptyDesk('ig1', 'c1', 0), labelIds: [refunds.id, vip.id] },
      { ...emptyDesk('ig1', 'c2', 0), labelIds: [vip.id] },
      { ...emptyDesk('ig2', 'c9', 0), labelIds: [refunds.id] },
    ]);
    notices = [];
    await h.deleteLabel({ id: refunds.id });
    expect((await listLabels()).map((l) => l.name)).toEqual(['VIP']);
    expect((await getDeskState('c1'))?.labelIds).toEqual([vip.id]);
    expect((await getDeskState('c2'))?.labelIds).toEqual([vip.id]);
    expect((await getDeskState('c9'))?.labelIds).toEqual([]);
    expect(notices).toEqual([
      { type: 'labels-changed' },
      { type: 'desk-changed', accountId: 'ig1', conversationIds: ['c1'] },
      { type: 'desk-changed', accountId: 'ig2', conversationIds: ['c9'] },
    ]);
  });

  it('refuses a request without a label id', async () => {
    // @ts-expect-error a page could send anything
    await expect(handlers().deleteLabel({})).rejects.toThrow('which label');
  });
});

describe('notes', () => {
  const base = { accountId: 'ig1', contactId: 'u1', conversationId: 'c1' };

  it('adds a note, and an edit keeps when it was written', async () => {
    const h = handlers();
    const added = await h.saveNote({ ...base, text: '  Prefers oat milk \n' });
    expect(added).toMatchObject({ text: 'Prefers oat milk', createdAt: 1000, updatedAt: 1000 });
    clock = 5000;
    const edited = await h.saveNote({ ...base, id: added.id, text: 'Prefers oat milk, no sugar' });
    expect(edited).toEqual({ ...added, text: 'Prefers oat milk, no sugar', updatedAt: 5000 });
    expect(await listNotes('ig1', 'u1')).toEqual([edited]);
    expect(notices).toEqual([
      { type: 'notes-changed', accountId: 'ig1', contactId: 'u1' },
      { type: 'notes-changed', accountId: 'ig1', contactId: 'u1' },
    ]);
    expect(notes).toEqual([
      { note: added, removed: false },
      { note: edited, removed: false },
    ]);
  });

  it('refuses empty and too long notes, unknown accounts and notes that are gone', async () => {
    const h = handlers();
    await expect(h.saveNote({ ...base, text: ' \n ' })).rejects.toThrow('A note needs some text.');
    await expect(h.saveNote({ ...base, text: 'x'.repeat(MAX_NOTE_LENGTH + 1) })).rejects.toThrow(`at most ${MAX_NOTE_LENGTH}`);
    await expect(h.saveNote({ ...base, accountId: 'nobody', text: 'Hi' })).rejects.toThrow('no longer connected');
    await expect(h.saveNote({ ...base, id: 'gone', text: 'Hi' })).rejects.toThrow('That note no longer exists.');
    // @ts-expect-error a page could send anything
    await expect(h.saveNote({ ...base, contactId: 7, text: 'Hi' })).rejects.toThrow('whose note');
    expect(await listNotes('ig1', 'u1')).toEqual([]);
    expect(notes).toEqual([]);
  });

  it('deletes a note, tells the pages and the search index; a note already gone is no error', async () => {
    const h = handlers();
    const note = await h.saveNote({ ...base, text: 'Wholesale customer' });
    notices = [];
    await h.deleteNote({ id: note.id });
    await h.deleteNote({ id: note.id });
    expect(await listNotes('ig1', 'u1')).toEqual([]);
    expect(notices).toEqual([{ type: 'notes-changed', accountId: 'ig1', contactId: 'u1' }]);
    expect(notes.at(-1)).toEqual({ note, removed: true });
  });
});
