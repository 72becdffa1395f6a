import { useState } from 'preact/hooks';
import { MAX_TEXT_BYTES, utf8Length } from '@/lib/format/text';

interface Props {
  name: string;
  status: string | null;
  onSend: (text: string) => Promise<boolean>;
  onOpenInPanel: () => void;
}

/** The popup's inline reply: Enter sends through the same outbox as the side panel. */
export function QuickReply({ name, status, onSend, onOpenInPanel }: Props) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
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
      <textarea
        aria-label={`Reply to ${name}`}
        rows={2}
        value={text}
        placeholder="Reply… (Enter sends)"
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            void send();
          }
        }}
      />
      <div class="quick-reply-actions">
        <button type="button" class="button small primary" disabled={text.trim() === '' || over || busy} onClick={() => void send()}>
          Send
        </button>
        <button type="button" class="button small" onClick={onOpenInPanel}>
          Open in side panel
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
