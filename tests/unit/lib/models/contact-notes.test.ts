import { effect, signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import type { ContactNote } from '@/lib/db/schema';
import { DeskError } from '@/lib/errors';
import { createContactNotesModel, notesReadFailed, type ContactNotesDeps } from '@/lib/models/contact-notes';

const note = (over: Partial<ContactNote> = {}): ContactNote => ({
  id: 'n1',
  accountId: 'ig1',
  contactId: 'u1',
  conversationId: 'c1',
  text: 'Prefers oat milk',
  createdAt: 1000,
  updatedAt: 1000,
  ...over,
});

function world(initial: ContactNote[] = []) {
  let notes = [...initial];
  const requests: Array<{ name: string; payload: unknown }> = [];
  let refuse: Error | null = null;
  let failRead = false;
  let reads = 0;
  const deps: ContactNotesDeps = {
    listNotes: async (accountId, contactId) => {
      reads++;
      if (failRead) throw new Error('read failed');
      return notes.filter((n) => n.accountId === accountId && n.contactId === contactId);
    },
    request: (async (name: string, payload: Partial<ContactNote>) => {
      requests.push({ name, payload });
      if (refuse) throw refuse;
      if (name === 'deleteNote') notes = notes.filter((n) => n.id !== payload.id);
      else {
        const saved = note({ ...notes.find((n) => n.id === payload.id), ...payload, id: payload.id ?? `n${notes.length + 1}` });
        notes = [saved, ...notes.filter((n) => n.id !== saved.id)];
        return saved;
      }
      return null;
    }) as ContactNotesDeps['request'],
  };
  return {
    deps,
    requests,
    reads: () => reads,
    add: (n: ContactNote) => (notes = [n, ...notes]),
    refuse: (e: Error | null) => (refuse = e),
    failRead: (on: boolean) => (failRead = on),
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const target = { accountId: 'ig1', contactId: 'u1', conversationId: 'c1' };

describe('contact notes model', () => {
  it('can be pointed at a contact from an effect that follows the selection (no cycle)', async () => {
    const w = world([note(), note({ id: 'n9', contactId: 'u2', text: 'Other person' })]);
    const model = createContactNotesModel(w.deps);
    const selected = signal(target);
    // A fresh target object on every run, as a page builds it from the selection.
    const stop = effect(() => model.show({ ...selected.value }));
    selected.value = { ...target, contactId: 'u2', conversationId: 'c2' };
    await settle();
    expect(model.notes.value?.map((n) => n.text)).toEqual(['Other person']);
    stop();
  });

  it('reads the notes of the contact shown, and none of another', async () => {
    const w = world([note(), note({ id: 'n9', contactId: 'u2', text: 'Other person' })]);
    const model = createContactNotesModel(w.deps);
    model.show(target);
    expect(model.notes.value).toBeNull();
    await settle();
    expect(model.notes.value?.map((n) => n.text)).toEqual(['Prefers oat milk']);
    model.show(null);
    expect(model.notes.value).toBeNull();
  });

  it('adds, edits and deletes through the background and reads again', async () => {
    const w = world();
    const model = createContactNotesModel(w.deps);
    model.show(target);
    await settle();
    expect(await model.add('Wholesale customer')).toBe(true);
    expect(model.notes.value?.map((n) => n.text)).toEqual(['Wholesale customer']);
    const id = model.notes.value![0]!.id;
    expect(await model.edit(id, 'Wholesale customer since May')).toBe(true);
    expect(await model.remove(id)).toBe(true);
    expect(model.notes.value).toEqual([]);
    expect(w.requests).toEqual([
      { name: 'saveNote', payload: { ...target, id: undefined, text: 'Wholesale customer' } },
      { name: 'saveNote', payload: { ...target, id, text: 'Wholesale customer since May' } },
      { name: 'deleteNote', payload: { id } },
    ]);
  });

  it('says why a note was refused and answers false (the page keeps what was typed)', async () => {
    const w = world();
    const model = createContactNotesModel(w.deps);
    model.show(target);
    await settle();
    w.refuse(new DeskError('invalid-request', 'A note can be at most 5000 characters.'));
    expect(await model.add('x')).toBe(false);
    expect(model.error.value).toBe('A note can be at most 5000 characters.');
    w.refuse(new Error('worker gone'));
    expect(await model.remove('n1')).toBe(false);
    expect(model.error.value).toBe('The note could not be deleted. Try again.');
  });

  it('reads again when the background says this contact’s notes changed, not for another contact', async () => {
    const w = world();
    const model = createContactNotesModel(w.deps);
    model.show(target);
    await settle();
    const before = w.reads();
    w.add(note({ text: 'Written in another window' }));
    model.onNotice({ type: 'notes-changed', accountId: 'ig1', contactId: 'u2' });
    model.onNotice({ type: 'notes-changed', accountId: 'ig2', contactId: 'u1' });
    expect(w.reads()).toBe(before);
    model.onNotice({ type: 'notes-changed', accountId: 'ig1', contactId: 'u1' });
    await settle();
    expect(model.notes.value?.map((n) => n.text)).toEqual(['Written in another window']);
  });

  it('says so when notes cannot be read', async () => {
    const w = world();
    w.failRead(true);
    const model = createContactNotesModel(w.deps);
    model.show(target);
    await settle();
    expect(model.error.value).toBe(notesReadFailed());
  });

  it('a slow read of the previous contact does not land on the next one', async () => {
    let release: (v: ContactNote[]) => void = () => undefined;
    const w = world([note({ contactId: 'u2', text: 'Second contact' })]);
    const slow = {
      ...w.deps,
      listNotes: (a: string, c: string) => (c === 'u1' ? new Promise<ContactNote[]>((r) => (release = r)) : w.deps.listNotes(a, c)),
    };
    const model = createContactNotesModel(slow);
    model.show(target);
    model.show({ ...target, contactId: 'u2', conversationId: 'c2' });
    await settle();
    release([note({ text: 'First contact' })]);
    await settle();
    expect(model.notes.value?.map((n) => n.text)).toEqual(['Second contact']);
  });
});
