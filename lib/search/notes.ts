/**
 * Private notes on contacts are found with the messages: each note is a doc of the same index,
 * under an id no Meta message id can have (Meta's ids never contain a colon).
 */
import type { ContactNote, Conversation } from '../db/schema';
import type { SearchDoc } from './types';

const NOTE_PREFIX = 'note:';

export function noteDocId(noteId: string): string {
  return `${NOTE_PREFIX}${noteId}`;
}

/** The note's id when a doc (or a hit) is a note, else null. */
export function noteIdOf(docId: string): string | null {
  return docId.startsWith(NOTE_PREFIX) ? docId.slice(NOTE_PREFIX.length) : null;
}

/** A note as a search doc: its text, and the contact's name and username as for a message. */
export function noteSearchDoc(note: ContactNote, conversation: Conversation | undefined): SearchDoc {
  return {
    messageId: noteDocId(note.id),
    conversationId: note.conversationId,
    accountId: note.accountId,
    createdTime: note.updatedAt,
    text: note.text,
    participantName: conversation?.participant.name ?? null,
    participantUsername: conversation?.participant.username ?? null,
  };
}
