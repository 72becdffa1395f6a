import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { SavedRepliesModel } from '@/lib/models/saved-replies';
import { SavedReplyEditor } from './SavedReplyEditor';

/** How long "Saved as /shortcut" stays on screen. */
const DONE_MS = 5000;

/** "Save as reply" from a sent message: the editor in a dialog over the thread, prefilled. */
export function SaveAsReplyDialog({ model }: { model: SavedRepliesModel }) {
  const draft = model.composing.value;
  const dialog = useRef<HTMLDialogElement>(null);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (draft && !el.open) el.showModal?.();
    if (!draft && el.open) el.close();
  }, [draft]);
  useEffect(() => {
    if (!saved) return;
    const timer = setTimeout(() => setSaved(null), DONE_MS);
    return () => clearTimeout(timer);
  }, [saved]);
  return (
    <>
      <dialog ref={dialog} class="save-reply-dialog" aria-labelledby="save-reply-title" onClose={() => model.closeComposer()}>
        {draft ? (
          <>
            <h2 id="save-reply-title">{t('composer.saveAsReplyTitle')}</h2>
            <SavedReplyEditor
              key={draft.text}
              initial={draft}
              label={t('composer.saveAsReplyTitle')}
              focusFirst
              onCancel={() => model.closeComposer()}
              onSave={async (next) => {
                const result = await model.save(next);
                if (result.ok) {
                  model.closeComposer();
                  setSaved(result.reply.shortcut);
                }
                return result;
              }}
            />
          </>
        ) : null}
      </dialog>
      {saved ? (
        <p class="save-reply-done" role="status">
          {t('composer.savedAsReply', { shortcut: saved })}
        </p>
      ) : null}
    </>
  );
}
