import { useEffect, useRef, useState } from 'preact/hooks';
import { truncate } from '@/lib/format/text';
import { t } from '@/lib/i18n';
import type { SavedRepliesModel } from '@/lib/models/saved-replies';
import { VARIABLE_HELP, VARIABLES } from '@/lib/saved-replies/fill';
import { SavedReplyEditor } from './SavedReplyEditor';
import { Words } from './Words';

const EMPTY = { title: '', shortcut: '', text: '' };

/** Saved replies on the settings page: make, edit, reorder and delete them; how much of sync storage they use. */
export function SavedRepliesSection({ model }: { model: SavedRepliesModel }) {
  const replies = model.replies.value;
  /** The reply being edited ('new' for a new one). */
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  /** After a move, the focus stays on the moved reply's button. */
  const refocus = useRef<{ id: string; dir: 'up' | 'down'; from: number } | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const deleted = model.deleted.value;

  useEffect(() => {
    const target = refocus.current;
    if (!target || !list.current) return;
    // Once the reply is at its new place (a render before the move does not count).
    const at = replies.findIndex((r) => r.id === target.id);
    if (at === target.from && at !== -1) return;
    refocus.current = null;
    const row = list.current.querySelector<HTMLElement>(`[data-reply-id="${CSS.escape(target.id)}"]`);
    const buttons = [...(row?.querySelectorAll<HTMLButtonElement>('[data-move]') ?? [])].filter((b) => !b.disabled);
    // At an end its button is disabled: the focus goes to the reply's other move button.
    const button = buttons.find((b) => b.dataset.move === target.dir) ?? buttons[0];
    button?.focus();
  });

  const act = async (run: () => Promise<string | null>): Promise<void> => {
    const problem = await run();
    setMessage(problem);
  };

  return (
    <section class="card saved-replies" id="saved-replies" aria-labelledby="saved-replies-title">
      <h2 id="saved-replies-title">{t('replies.title')}</h2>
      <p class="muted">
        <Words
          message={t('replies.intro', { slash: '{slash}', shortcut: '{shortcut}' })}
          parts={{ slash: <kbd>/</kbd>, shortcut: <kbd>{t('replies.shortcutExample')}</kbd> }}
        />
      </p>
      <details class="reply-variables">
        <summary>{t('replies.variables')}</summary>
        <dl>
          {VARIABLES.map((v) => (
            <div key={v}>
              <dt>
                <code>{`{${v}}`}</code>
              </dt>
              <dd>{VARIABLE_HELP[v]}</dd>
            </div>
          ))}
        </dl>
      </details>
      {model.error.value ? (
        <p class="form-error" role="alert">
          {model.error.value}
        </p>
      ) : null}
      {message ? (
        <p class="form-error" role="alert">
          {message}
        </p>
      ) : null}
      {deleted ? (
        <p class="reply-undo" role="status">
          {t('replies.deleted', { title: truncate(deleted.reply.title, 40) })}{' '}
          <button type="button" class="button small" onClick={() => void act(model.undoDelete)}>
            {t('replies.undo')}
          </button>
        </p>
      ) : null}
      {model.loaded.value && replies.length === 0 && editing !== 'new' ? <p>{t('replies.none')}</p> : null}
      <ol class="reply-list" ref={list} aria-label={t('replies.list')}>
        {replies.map((reply, index) => (
          <li key={reply.id} class="reply-item" data-reply-id={reply.id}>
            {editing === reply.id ? (
              <SavedReplyEditor
                initial={reply}
                label={t('replies.editNamed', { title: reply.title })}
                focusFirst
                onCancel={() => setEditing(null)}
                onSave={async (draft) => {
                  const result = await model.save(draft, reply.id);
                  if (result.ok) setEditing(null);
                  return result;
                }}
              />
            ) : (
              <>
                <div class="reply-summary">
                  <span class="reply-head">
                    <strong>{reply.title}</strong> <code>/{reply.shortcut}</code>
                  </span>
                  <span class="reply-text">{truncate(reply.text.replace(/\s+/g, ' '), 140)}</span>
                </div>
                <div class="reply-actions">
                  <button
                    type="button"
                    class="button small"
                    data-move="up"
                    aria-label={t('replies.moveUp', { title: reply.title })}
                    disabled={index === 0}
                    onClick={() => {
                      refocus.current = { id: reply.id, dir: 'up', from: index };
                      void act(() => model.move(reply.id, -1));
                    }}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    class="button small"
                    data-move="down"
                    aria-label={t('replies.moveDown', { title: reply.title })}
                    disabled={index === replies.length - 1}
                    onClick={() => {
                      refocus.current = { id: reply.id, dir: 'down', from: index };
                      void act(() => model.move(reply.id, 1));
                    }}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    class="button small"
                    aria-label={t('replies.editNamed', { title: reply.title })}
                    onClick={() => setEditing(reply.id)}
                  >
                    {t('replies.edit')}
                  </button>
                  <button
                    type="button"
                    class="button small danger"
                    aria-label={t('replies.deleteNamed', { title: reply.title })}
                    onClick={() => void act(() => model.remove(reply.id))}
                  >
                    {t('replies.delete')}
                  </button>
                </div>
              </>
            )}
          </li>
        ))}
      </ol>
      {editing === 'new' ? (
        <SavedReplyEditor
          initial={EMPTY}
          label={t('replies.newForm')}
          focusFirst
          onCancel={() => setEditing(null)}
          onSave={async (draft) => {
            const result = await model.save(draft);
            if (result.ok) setEditing(null);
            return result;
          }}
        />
      ) : (
        <button type="button" class="button primary" onClick={() => setEditing('new')}>
          {t('replies.add')}
        </button>
      )}
      <p class="muted reply-usage">{model.usageText.value}</p>
    </section>
  );
}
