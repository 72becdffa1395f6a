import { useEffect, useRef, useState } from 'preact/hooks';
import { MAX_TEXT_BYTES, utf8Length } from '@/lib/format/text';
import { t } from '@/lib/i18n';
import type { SaveResult } from '@/lib/models/saved-replies';
import { VARIABLES } from '@/lib/saved-replies/fill';
import type { DraftErrors, ReplyDraft } from '@/lib/saved-replies/types';

interface Props {
  /** What the fields start with (an existing reply, a sent message, or empty). */
  initial: ReplyDraft;
  /** The name of the form, e.g. "New saved reply". */
  label: string;
  onSave: (draft: ReplyDraft) => Promise<SaveResult>;
  onCancel: () => void;
  /** Put the cursor in the title field at once. */
  focusFirst?: boolean;
}

/**
 * The fields of one saved reply: title, shortcut, text. What was typed stays in the fields when a
 * save fails (a wrong field, or sync storage full), with the reason beside it.
 */
export function SavedReplyEditor({ initial, label, onSave, onCancel, focusFirst }: Props) {
  const first = useRef<HTMLInputElement>(null);
  // The form opens on the person's request, to be typed in.
  useEffect(() => {
    if (focusFirst) first.current?.focus();
  }, [focusFirst]);
  const [draft, setDraft] = useState<ReplyDraft>(initial);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof ReplyDraft, value: string): void => {
    setDraft({ ...draft, [key]: value });
    if (errors[key]) setErrors({ ...errors, [key]: undefined });
  };
  const bytes = utf8Length(draft.text.trim());
  const save = async (): Promise<void> => {
    if (busy) return;
    setBusy(true);
    const result = await onSave(draft);
    setBusy(false);
    if (!result.ok) {
      setErrors(result.errors);
      setMessage(result.message);
    }
  };
  const fieldId = (name: string): string => `reply-${name}-${label.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    // Esc from any of its fields cancels (the fields themselves are the interactive part).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <form
      class="reply-editor"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <label>
        {t('replies.fieldTitle')}
        <input
          value={draft.title}
          ref={first}
          maxLength={80}
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={errors.title ? fieldId('title') : undefined}
          onInput={(e) => set('title', e.currentTarget.value)}
        />
      </label>
      {errors.title ? (
        <p class="form-error" id={fieldId('title')}>
          {errors.title}
        </p>
      ) : null}
      <label>
        {t('replies.fieldShortcut')}
        <span class="reply-shortcut-field">
          <span aria-hidden="true">/</span>
          <input
            value={draft.shortcut}
            maxLength={33}
            spellcheck={false}
            autoCapitalize="off"
            aria-invalid={errors.shortcut ? true : undefined}
            aria-describedby={fieldId('shortcut-help')}
            onInput={(e) => set('shortcut', e.currentTarget.value)}
          />
        </span>
      </label>
      <p class={errors.shortcut ? 'form-error' : 'muted reply-field-help'} id={fieldId('shortcut-help')}>
        {errors.shortcut ?? t('replies.shortcutHelp')}
      </p>
      <label>
        {t('replies.fieldText')}
        <textarea
          value={draft.text}
          rows={4}
          aria-invalid={errors.text ? true : undefined}
          aria-describedby={fieldId('text-help')}
          onInput={(e) => set('text', e.currentTarget.value)}
        />
      </label>
      <p class={errors.text ? 'form-error' : 'muted reply-field-help'} id={fieldId('text-help')}>
        {errors.text ?? t('replies.textHelp', { bytes, max: MAX_TEXT_BYTES, variables: VARIABLES.map((v) => `{${v}}`).join(', ') })}
      </p>
      {message ? (
        <p class="form-error reply-editor-message" role="alert">
          {message}
        </p>
      ) : null}
      <div class="reply-editor-actions">
        <button type="submit" class="button primary" disabled={busy}>
          {t('replies.save')}
        </button>
        <button type="button" class="button" onClick={onCancel}>
          {t('replies.cancel')}
        </button>
      </div>
    </form>
  );
}
