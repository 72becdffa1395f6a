import { useId, useState } from 'preact/hooks';
import { MAX_TEXT_BYTES, utf8Length } from '@/lib/format/text';
import { t } from '@/lib/i18n';
import type { FillContext } from '@/lib/saved-replies/fill';
import { NO_CONTACT, pickerBoxProps, SavedReplyPicker, useReplyPicker } from './SavedReplyPicker';

interface Props {
  name: string;
  status: string | null;
  onSend: (text: string) => Promise<boolean>;
  onOpenInPanel: () => void;
  /** The contact and account, for a saved reply's variables. */
  fill?: FillContext;
}

/** The popup's inline reply: Enter sends through the same outbox as the side panel. */
export function QuickReply({ name, status, onSend, onOpenInPanel, fill = NO_CONTACT }: Props) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  // Saved replies: `/` at the start opens them, as in the side panel.
  const { picker, source } = useReplyPicker(text);
  const listId = `quick-reply-picker-${useId()}`;
  const over = utf8Length(text.trim()) > MAX_TEXT_BYTES;
  const send = async (): Promise<void> => {
    if (text.trim() === '' || over || busy) return;
    setBusy(true);
    const ok = await onSend(text);
    setBusy(false);
    if (ok) setText('');
  };
  return (
    <div class="quick-reply">
      {picker ? <SavedReplyPicker picker={picker} id={listId} fill={fill} onManage={source?.manage} onInsert={setText} /> : null}
      <textarea
        {...pickerBoxProps(picker, listId)}
        aria-label={t('popup.replyTo', { name })}
        rows={2}
        value={text}
        placeholder={t('popup.replyPlaceholder')}
        onInput={(e) => {
          setText(e.currentTarget.value);
          picker?.setText(e.currentTarget.value);
        }}
        onKeyDown={(e) => {
          const picked = picker && !e.isComposing ? picker.key(e.key, fill, { shift: e.shiftKey }) : null;
          if (picked?.handled) {
            e.preventDefault();
            if (picked.text !== undefined) setText(picked.text);
            return;
          }
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            void send();
          }
        }}
      />
      <div class="quick-reply-actions">
        <button type="button" class="button small primary" disabled={text.trim() === '' || over || busy} onClick={() => void send()}>
          {t('popup.send')}
        </button>
        <button type="button" class="button small" onClick={onOpenInPanel}>
          {t('popup.openInPanel')}
        </button>
        {status ? (
          <span class="muted" role="status">
            {status}
          </span>
        ) : null}
      </div>
    </div>
  );
}
