/**
 * Private notes on the contact of the open conversation (never sent to Instagram): read from the
 * cache when a conversation opens and again whenever the background says that contact's notes
 * changed (`notes-changed`), and added, edited and deleted by asking the background. A refused
 * write resolves with the reason and keeps what was typed.
 */
import { batch, signal, type ReadonlySignal } from '@preact/signals';
import type { ContactNote } from '../db/schema';
import { logDiagnostic } from '../diagnostics';
import { DeskError } from '../errors';
import { t } from '../i18n';
import type { Notice, RequestName, Requests } from '../messaging/protocol';

export interface ContactNotesDeps {
  listNotes(accountId: string, contactId: string): Promise<ContactNote[]>;
  request<N extends RequestName>(name: N, payload: Requests[N]['request']): Promise<Requests[N]['response']>;
}

export interface NotesTarget {
  accountId: string;
  /** The contact's Instagram-scoped id: notes belong to the person, not to one thread. */
  contactId: string;
  /** Where a new note is written (to open it from search). */
  conversationId: string;
}

/** What the notes say when they cannot be read. */
export const notesReadFailed = (): string => t('notes.readFailed');

function reason(e: unknown, fallback: string): string {
  if (e instanceof DeskError) return e.message;
  logDiagnostic('ui', 'A note change failed', e);
  return fallback;
}

export type ContactNotesModel = ReturnType<typeof createContactNotesModel>;

export function createContactNotesModel(deps: ContactNotesDeps) {
  const target = signal<NotesTarget | null>(null);
  /** Newest first; null while they are read. */
  const notes = signal<ContactNote[] | null>(null);
  const error = signal<string | null>(null);
  const saving = signal(false);
  let reads = 0;

  async function load(): Promise<void> {
    const mine = ++reads;
    const t = target.value;
    if (!t) return;
    try {
      const list = await deps.listNotes(t.accountId, t.contactId);
      if (mine !== reads) return;
      batch(() => {
        notes.value = list;
        if (error.value === notesReadFailed()) error.value = null;
      });
    } catch (e) {
      logDiagnostic('ui', 'Notes could not be read', e);
      if (mine === reads) error.value = notesReadFailed();
    }
  }

  /** Saves a note (new without `id`); true when saved. */
  async function save(text: string, id?: string): Promise<boolean> {
    const into = target.value;
    if (!into || saving.value) return false;
    batch(() => {
      saving.value = true;
      error.value = null;
    });
    try {
      await deps.request('saveNote', { ...into, id, text });
      await load();
      return true;
    } catch (e) {
      error.value = reason(e, t('notes.saveFailed'));
      return false;
    } finally {
      saving.value = false;
    }
  }

  return {
    target: target as ReadonlySignal<NotesTarget | null>,
    notes: notes as ReadonlySignal<ContactNote[] | null>,
    error: error as ReadonlySignal<string | null>,
    saving: saving as ReadonlySignal<boolean>,

    /** Shows the notes of another contact (or none). */
    show(next: NotesTarget | null): void {
      // Read without subscribing: a page calls this from an effect, which must not re-run on its own write.
      const t = target.peek();
      if (t && next && t.accountId === next.accountId && t.contactId === next.contactId) {
        target.value = next;
        return;
      }
      reads++;
      batch(() => {
        target.value = next;
        notes.value = null;
        error.value = null;
      });
      if (next) void load();
    },

    add: (text: string): Promise<boolean> => save(text),
    edit: (id: string, text: string): Promise<boolean> => save(text, id),

    /** Deletes a note; true when deleted. */
    async remove(id: string): Promise<boolean> {
      error.value = null;
      try {
        await deps.request('deleteNote', { id });
        await load();
        return true;
      } catch (e) {
        error.value = reason(e, t('notes.deleteFailed'));
        return false;
      }
    },

    onNotice(notice: Notice): void {
      const t = target.value;
      if (notice.type === 'notes-changed' && t && notice.accountId === t.accountId && notice.contactId === t.contactId) void load();
    },
  };
}
