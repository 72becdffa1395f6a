import { useState } from 'preact/hooks';
import type { ContactNote } from '@/lib/db/schema';
import { clockTime, dayKey, fullDateTime } from '@/lib/format/time';
import { t } from '@/lib/i18n';
import type { ContactNotesModel } from '@/lib/models/contact-notes';
import { Spinner } from './Icons';
import { MessageText } from './MessageText';

interface Props {
  model: ContactNotesModel;
  now: number;
  timeZone: string | undefined;
}

function NoteIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true" focusable="false">
      <path d="M5 3h10l4 4v14H5z" />
      <path d="M9 11h6M9 15h6" />
    </svg>
  );
}

/** "Added today, 2:05 PM" or "Added Wed 2 Dec 2026, 2:05 PM". */
function added(at: number, now: number, timeZone: string | undefined): string {
  return dayKey(at, timeZone) === dayKey(now, timeZone)
    ? t('notes.addedToday', { time: clockTime(at, timeZone) })
    : t('notes.added', { when: fullDateTime(at, timeZone) });
}

/** Ctrl/Cmd+Enter saves, as in the reply box's "send with the keyboard". */
const saveKey = (e: KeyboardEvent): boolean => e.key === 'Enter' && (e.ctrlKey || e.metaKey);

function NoteItem({
  model,
  note,
  now,
  timeZone,
}: {
  model: ContactNotesModel;
  note: ContactNote;
  now: number;
  timeZone: string | undefined;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const save = async (): Promise<void> => {
    if (editing === null) return;
    if (await model.edit(note.id, editing)) setEditing(null);
  };
  const edited = note.updatedAt > note.createdAt;
  return (
    <li class="note">
      {editing === null ? (
        <p class="note-text">
          <MessageText text={note.text} />
        </p>
      ) : (
        <div class="note-edit">
          <textarea
            class="note-input"
            aria-label={t('notes.editNote')}
            value={editing}
            rows={3}
            onInput={(e) => setEditing(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (saveKey(e)) {
                e.preventDefault();
                void save();
              } else if (e.key === 'Escape') {
                e.preventDefault();
                e.stopPropagation();
                setEditing(null);
              }
            }}
            // eslint-disable-next-line jsx-a11y/no-autofocus
            autoFocus
          />
          <div class="note-actions">
            <button
              type="button"
              class="button small primary"
              disabled={model.saving.value || editing.trim() === ''}
              onClick={() => void save()}
            >
              {t('notes.save')}
            </button>
            <button type="button" class="button small" onClick={() => setEditing(null)}>
              {t('notes.cancel')}
            </button>
          </div>
        </div>
      )}
      <div class="note-meta">
        <span class="muted" title={fullDateTime(note.createdAt, timeZone)}>
          {added(note.createdAt, now, timeZone)}
          {edited ? <span title={t('notes.editedAt', { when: fullDateTime(note.updatedAt, timeZone) })}> {t('notes.edited')}</span> : null}
        </span>
        {editing === null && !confirming ? (
          <span class="note-buttons">
            <button type="button" class="link-button" aria-label={t('notes.editNote')} onClick={() => setEditing(note.text)}>
              {t('notes.edit')}
            </button>
            <button type="button" class="link-button danger" aria-label={t('notes.deleteNote')} onClick={() => setConfirming(true)}>
              {t('notes.delete')}
            </button>
          </span>
        ) : null}
      </div>
      {confirming ? (
        <div class="note-confirm" role="alert">
          <span>{t('notes.confirmDelete')}</span>
          <button type="button" class="button small danger" onClick={() => void model.remove(note.id).then(() => setConfirming(false))}>
            {t('notes.deleteNote')}
          </button>
          <button type="button" class="button small" onClick={() => setConfirming(false)}>
            {t('notes.cancel')}
          </button>
        </div>
      ) : null}
    </li>
  );
}

/** Private notes on the contact: added, edited and deleted here, kept on this computer, never sent to Instagram. */
export function ContactNotes({ model, now, timeZone }: Props) {
  const [text, setText] = useState('');
  const notes = model.notes.value;
  const add = async (): Promise<void> => {
    if (text.trim() === '') return;
    if (await model.add(text)) setText('');
  };
  return (
    <section class="contact-notes" aria-labelledby="contact-notes-title">
      <h4 id="contact-notes-title" class="notes-title">
        <NoteIcon /> {t('notes.title')}
      </h4>
      <p class="notes-private muted">{t('notes.private')}</p>
      <form
        class="note-new"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <textarea
          class="note-input"
          aria-label={t('notes.new')}
          placeholder={t('notes.placeholder')}
          rows={2}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (saveKey(e)) {
              e.preventDefault();
              void add();
            }
          }}
        />
        <button
          type="submit"
          class="button small"
          disabled={model.saving.value || text.trim() === ''}
          title="Ctrl+Enter" /* i18n-exempt: keys on the keyboard */
        >
          {model.saving.value ? <Spinner size={12} /> : null} {t('notes.add')}
        </button>
      </form>
      {model.error.value ? (
        <p class="form-error" role="alert">
          {model.error.value}
        </p>
      ) : null}
      {notes === null ? null : notes.length === 0 ? (
        <p class="muted notes-empty">{t('notes.empty')}</p>
      ) : (
        <ul class="notes" aria-label={t('notes.list')}>
          {notes.map((n) => (
            <NoteItem key={n.id} model={model} note={n} now={now} timeZone={timeZone} />
          ))}
        </ul>
      )}
    </section>
  );
}
