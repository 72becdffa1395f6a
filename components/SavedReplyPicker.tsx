import type { ReadonlySignal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext, useEffect, useMemo } from 'preact/hooks';
import { truncate } from '@/lib/format/text';
import { t } from '@/lib/i18n';
import { createReplyPicker, type ReplyPicker } from '@/lib/models/reply-picker';
import type { FillContext } from '@/lib/saved-replies/fill';
import { fillReply } from '@/lib/saved-replies/fill';
import type { SavedReply } from '@/lib/saved-replies/types';

/** What a page gives its reply boxes and messages for saved replies (none: no picker, no "Save as reply"). */
export interface SavedRepliesSource {
  replies: ReadonlySignal<SavedReply[]>;
  /** The contact and account of the open conversation (the side panel's composer). */
  fill?: () => FillContext;
  /** Opens the editor with a sent message's text ("Save as reply"). */
  saveAsReply?: (text: string) => void;
  /** Opens the settings where saved replies are made. */
  manage?: () => void;
}

export const SavedRepliesContext = createContext<SavedRepliesSource | null>(null);

export const NO_CONTACT: FillContext = { contact: null, account: null };

/**
 * A picker model for one reply box, following the box's text; null when the page has no saved
 * replies source.
 */
export function useReplyPicker(text: string): { picker: ReplyPicker | null; source: SavedRepliesSource | null } {
  const source = useContext(SavedRepliesContext);
  const replies = source?.replies;
  const picker = useMemo(() => (replies ? createReplyPicker(replies) : null), [replies]);
  // Text replaced from outside the box (a draft loaded, Edit of a failed reply) counts too.
  useEffect(() => picker?.setText(text), [picker, text]);
  return { picker, source };
}

/** The attributes that tie the reply box to its open picker (a text box that controls a list). */
export function pickerBoxProps(picker: ReplyPicker | null, listId: string) {
  if (!picker) return {};
  const open = picker.open.value;
  const active = picker.activeReply.value;
  return {
    'aria-autocomplete': 'list' as const,
    'aria-controls': open ? listId : undefined,
    'aria-activedescendant': open && active ? `${listId}-${active.id}` : undefined,
  };
}

interface Props {
  picker: ReplyPicker;
  /** The list's id (the reply box points at it). */
  id: string;
  fill: FillContext;
  /** A reply was clicked: the text to put in the box. */
  onInsert: (text: string) => void;
  onManage?: () => void;
}

/** The list of saved replies under `/` in a reply box; the box keeps the focus and the keys. */
export function SavedReplyPicker({ picker, id, fill, onInsert, onManage }: Props) {
  if (!picker.open.value) return null;
  const matches = picker.matches.value;
  const active = picker.activeReply.value;
  const query = picker.query.value ?? '';
  const none = matches.length === 0;
  return (
    <div class="reply-picker">
      {none ? (
        <p class="reply-picker-empty" id={id} role="status">
          {query.trim() === '' ? t('composer.noSavedReplies') : t('composer.noSavedReplyMatches', { query: truncate(query, 30) })}{' '}
          {onManage ? (
            <button type="button" class="link-button" onClick={onManage}>
              {t('composer.manageSavedReplies')}
            </button>
          ) : null}
        </p>
      ) : (
        <ul class="reply-picker-list" id={id} role="listbox" aria-label={t('composer.savedReplies')}>
          {matches.map((reply, index) => (
            // The reply box keeps the focus and handles the keys (arrows, Enter, Esc); a click inserts.
            // eslint-disable-next-line jsx-a11y/click-events-have-key-events
            <li
              key={reply.id}
              id={`${id}-${reply.id}`}
              role="option"
              aria-selected={reply === active}
              class={`reply-picker-option${reply === active ? ' active' : ''}`}
              onMouseDown={(e) => e.preventDefault()}
              onMouseMove={() => reply !== active && picker.highlight(index)}
              onClick={() => onInsert(picker.choose(reply, fill))}
            >
              <span class="reply-picker-head">
                <span class="reply-picker-title">{reply.title}</span>
                <span class="reply-picker-shortcut">/{reply.shortcut}</span>
              </span>
              <span class="reply-picker-text">{truncate(fillReply(reply.text, fill).replace(/\s+/g, ' '), 120)}</span>
            </li>
          ))}
        </ul>
      )}
      <p class="reply-picker-hint" aria-hidden="true">
        {t('composer.pickerHint')}
      </p>
    </div>
  );
}
