/**
 * The desk's part of an export: the desk records of the exported conversations, the labels they
 * use (by id and name, so an import can match them by name), and the notes on their contacts.
 * Reads only (the options page exports).
 */
import { getDeskStates, listAccountNotes, listLabels, listNotes } from '../db';
import type { ContactNote, Conversation, ConversationDesk, Label } from '../db/schema';

export interface ArchivedDesk {
  desk: ConversationDesk[];
  labels: Label[];
  notes: ContactNote[];
}

/** `wholeAccounts`: every note of the accounts goes; otherwise only those on these conversations' contacts. */
export async function readDeskForExport(
  conversations: Array<Pick<Conversation, 'id' | 'accountId' | 'participant'>>,
  wholeAccounts: boolean,
): Promise<ArchivedDesk> {
  const ids = new Set(conversations.map((c) => c.id));
  const accounts = [...new Set(conversations.map((c) => c.accountId))];
  const desk = (await Promise.all(accounts.map((a) => getDeskStates(a)))).flat().filter((d) => ids.has(d.conversationId));
  const used = new Set(desk.flatMap((d) => d.labelIds));
  const labels = (await listLabels()).filter((l) => used.has(l.id));
  let notes: ContactNote[];
  if (wholeAccounts) notes = (await Promise.all(accounts.map((a) => listAccountNotes(a)))).flat();
  else {
    const contacts = new Map(conversations.map((c) => [`${c.accountId} ${c.participant.id}`, c]));
    notes = (await Promise.all([...contacts.values()].map((c) => listNotes(c.accountId, c.participant.id)))).flat();
  }
  return { desk, labels, notes };
}
