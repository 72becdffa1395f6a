/**
 * The desk's records: how each conversation is handled (done, snoozed, pinned, labelled), the
 * labels, and private notes on contacts. Pages read them here; only the background writes them.
 */
import { getDB } from './desk-db';
import type { Pace } from './foreground';
import type { ContactNote, ConversationDesk, Label } from './schema';

/** Desk records read per request when they are read in pages (fewer while a person waits for reads). */
const DESK_PAGE = 2000;
const BUSY_DESK_PAGE = 500;

/**
 * The desk records of an account's conversations. With `pace`, read in pages by conversation id,
 * each in its own transaction with `pace` awaited before it, so that tens of thousands of records
 * do not hold the page's thread in one answer.
 */
export async function getDeskStates(accountId: string, opts: { pace?: () => Promise<Pace> } = {}): Promise<ConversationDesk[]> {
  const db = await getDB();
  if (!opts.pace) return db.getAllFromIndex('desk', 'by-account', accountId);
  const mine: ConversationDesk[] = [];
  let after: string | undefined;
  for (;;) {
    const size = (await opts.pace()) === 'busy' ? BUSY_DESK_PAGE : DESK_PAGE;
    const page = await db.getAll('desk', after === undefined ? undefined : IDBKeyRange.lowerBound(after, true), size);
    for (const d of page) if (d.accountId === accountId) mine.push(d);
    if (page.length < size) return mine;
    after = page[page.length - 1]!.conversationId;
  }
}

export async function getAllDeskStates(): Promise<ConversationDesk[]> {
  return (await getDB()).getAll('desk');
}

export async function getDeskState(conversationId: string): Promise<ConversationDesk | undefined> {
  return (await getDB()).get('desk', conversationId);
}

/**
 * Changes one conversation's desk record in a single transaction: `change` gets the current record
 * (undefined when there is none) and returns the new one, or null to remove it.
 */
export async function updateDeskState(
  conversationId: string,
  change: (current: ConversationDesk | undefined) => ConversationDesk | null,
): Promise<ConversationDesk | null> {
  const tx = (await getDB()).transaction('desk', 'readwrite');
  const next = change(await tx.store.get(conversationId));
  if (next) await tx.store.put(next);
  else await tx.store.delete(conversationId);
  await tx.done;
  return next;
}

export async function putDeskStates(states: ConversationDesk[]): Promise<void> {
  const tx = (await getDB()).transaction('desk', 'readwrite');
  await Promise.all([...states.map((s) => tx.store.put(s)), tx.done]);
}

export async function listLabels(): Promise<Label[]> {
  return (await getDB()).getAll('labels').then((labels) => labels.sort((a, b) => a.order - b.order || a.createdAt - b.createdAt));
}

export async function putLabels(labels: Label[]): Promise<void> {
  const tx = (await getDB()).transaction('labels', 'readwrite');
  await Promise.all([...labels.map((l) => tx.store.put(l)), tx.done]);
}

/** Deletes a label and takes it off every conversation, in one transaction. Answers the conversations it was on. */
export async function deleteLabel(labelId: string): Promise<ConversationDesk[]> {
  const tx = (await getDB()).transaction(['labels', 'desk'], 'readwrite');
  await tx.objectStore('labels').delete(labelId);
  const changed: ConversationDesk[] = [];
  const desk = tx.objectStore('desk');
  for (let cursor = await desk.openCursor(); cursor; cursor = await cursor.continue()) {
    if (!cursor.value.labelIds.includes(labelId)) continue;
    const next = { ...cursor.value, labelIds: cursor.value.labelIds.filter((id) => id !== labelId) };
    await cursor.update(next);
    changed.push(next);
  }
  await tx.done;
  return changed;
}

/** A contact's notes, newest first. */
export async function listNotes(accountId: string, contactId: string): Promise<ContactNote[]> {
  const notes = await (await getDB()).getAllFromIndex('notes', 'by-contact', [accountId, contactId]);
  return notes.sort((a, b) => b.createdAt - a.createdAt);
}

export async function listAccountNotes(accountId: string): Promise<ContactNote[]> {
  return (await getDB()).getAllFromIndex('notes', 'by-account', accountId);
}

export async function getNote(id: string): Promise<ContactNote | undefined> {
  return (await getDB()).get('notes', id);
}

export async function putNotes(notes: ContactNote[]): Promise<void> {
  const tx = (await getDB()).transaction('notes', 'readwrite');
  await Promise.all([...notes.map((n) => tx.store.put(n)), tx.done]);
}

export async function deleteNote(id: string): Promise<void> {
  await (await getDB()).delete('notes', id);
}
